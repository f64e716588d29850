// AI21 Jurassic-2 on InvokeModel (no streaming on Bedrock): `{prompt, maxTokens, temperature, topP,
// stopSequences, …penalty}` in, `{id, prompt: {text, tokens}, completions: [{data: {text, tokens},
// finishReason: {reason}}]}` out.
import type { ModelOutcome } from '../../model/conversation';
import { rejectExtraneousKeys, type JsonRecord } from '../../service-support/request-body';
import { lastPromptText, promptBodyConversation, shortHash, type TextFamily } from './text-family';

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
    const conversation = promptBodyConversation(body, {
      userTurn: USER_TURN,
      maxTokensKey: 'maxTokens',
      maxTokensLimit: 8191,
      stopKey: 'stopSequences',
    });
    return conversation;
  },
  render(outcome, _model, conversation) {
    const prompt = lastPromptText(conversation);
    return {
      id: shortHash(outcome.text),
      prompt: { text: prompt, tokens: [] },
      completions: [{ data: { text: outcome.text, tokens: [] }, finishReason: reason(outcome) }],
    };
  },
  // Never asked for: the catalogue says Jurassic-2 does not stream, so the handler refuses first.
  streamChunks: () => [],
};
