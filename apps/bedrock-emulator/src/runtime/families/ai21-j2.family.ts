// AI21 Jurassic-2 on InvokeModel (no streaming on Bedrock): `{prompt, maxTokens, temperature, topP,
// stopSequences, …penalty}` in, `{id, prompt: {text, tokens}, completions: [{data: {text, tokens},
// finishReason: {reason}}]}` out.
import type { ModelOutcome } from '../../model/conversation';
import {
  expectString,
  optionalNumber,
  optionalStringArray,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import { lastTurn, promptConversation, shortHash, type TextFamily } from './text-family';

const USER_TURN = /User:([\s\S]*?)(?:\n\s*Assistant:|$)/g;

function reason(outcome: ModelOutcome): JsonRecord {
  if (outcome.stopReason === 'max_tokens') return { reason: 'length', length: outcome.usage.outputTokens };
  if (outcome.stopReason === 'stop_sequence') return { reason: 'stop', sequence: outcome.stopSequence ?? '' };
  return { reason: 'endoftext' };
}

export const ai21J2Family: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, [
      'prompt',
      'maxTokens',
      'temperature',
      'topP',
      'stopSequences',
      'countPenalty',
      'presencePenalty',
      'frequencyPenalty',
    ]);
    requireKeys(body, ['prompt']);
    const prompt = expectString(body.prompt, 'prompt');
    const conversation = promptConversation(prompt, lastTurn(prompt, USER_TURN));
    conversation.maxTokens = optionalNumber(body.maxTokens, 'maxTokens', {
      min: 1,
      max: 8191,
      integer: true,
    });
    conversation.stopSequences = optionalStringArray(body.stopSequences, 'stopSequences');
    return conversation;
  },
  render(outcome, _model, conversation) {
    const prompt = conversation.messages
      .at(-1)
      ?.blocks.map((block) => (block.kind === 'text' ? block.text : ''))
      .join('');
    return {
      id: shortHash(outcome.text),
      prompt: { text: prompt ?? '', tokens: [] },
      completions: [{ data: { text: outcome.text, tokens: [] }, finishReason: reason(outcome) }],
    };
  },
  // Never asked for: the catalogue says Jurassic-2 does not stream, so the handler refuses first.
  streamChunks: () => [],
};
