// Amazon Titan Text on InvokeModel: {inputText, textGenerationConfig} in, {results:[…]} out.
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import {
  expectRecord,
  expectString,
  optionalNumber,
  optionalStringArray,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import { lastTurn, promptConversation, type NativeChunk, type TextFamily } from './text-family';

const TITAN_USER_TURN = /User:([\s\S]*?)(?:\n\s*Bot:|$)/g;

function completionReason(outcome: ModelOutcome): string {
  switch (outcome.stopReason) {
    case 'max_tokens':
      return 'LENGTH';
    case 'stop_sequence':
      return 'STOP_CRITERIA_MET';
    case 'guardrail_intervened':
      return 'CONTENT_FILTERED';
    default:
      return 'FINISH';
  }
}

function inputTokens(outcome: ModelOutcome): number {
  return outcome.usage.inputTokens + outcome.usage.cacheReadInputTokens + outcome.usage.cacheWriteInputTokens;
}

export const titanTextFamily: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, ['inputText', 'textGenerationConfig']);
    requireKeys(body, ['inputText']);
    const prompt = expectString(body.inputText, 'inputText');
    const conversation = promptConversation(prompt, lastTurn(prompt, TITAN_USER_TURN));
    if (body.textGenerationConfig !== undefined) {
      const config = expectRecord(body.textGenerationConfig, 'textGenerationConfig');
      rejectExtraneousKeys(
        config,
        ['maxTokenCount', 'temperature', 'topP', 'stopSequences'],
        '#/textGenerationConfig',
      );
      conversation.maxTokens = optionalNumber(config.maxTokenCount, 'textGenerationConfig.maxTokenCount', {
        min: 1,
        integer: true,
      });
      conversation.stopSequences = optionalStringArray(
        config.stopSequences,
        'textGenerationConfig.stopSequences',
      );
    }
    return conversation;
  },
  render(outcome) {
    return {
      inputTextTokenCount: inputTokens(outcome),
      results: [
        {
          tokenCount: outcome.usage.outputTokens,
          outputText: outcome.text,
          completionReason: completionReason(outcome),
        },
      ],
    };
  },
  streamChunks(outcome): NativeChunk[] {
    const pieces = textDeltas(outcome.text);
    if (pieces.length === 0) pieces.push('');
    let total = 0;
    return pieces.map((piece, index) => {
      total += countTextTokens(piece);
      const last = index === pieces.length - 1;
      return {
        chunk: {
          outputText: piece,
          index: 0,
          totalOutputTextTokenCount: last ? outcome.usage.outputTokens : total,
          completionReason: last ? completionReason(outcome) : null,
          inputTextTokenCount: index === 0 ? inputTokens(outcome) : null,
        },
        tokens: countTextTokens(piece),
      };
    });
  },
};
