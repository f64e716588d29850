// Cohere Command and Command Light (text) on InvokeModel: `{prompt, max_tokens, temperature, p, k, …}` in,
// `{id, generations: [{id, text, finish_reason}], prompt}` out; streams `{text, is_finished}` chunks and a
// last `{is_finished: true, finish_reason}`.
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import { rejectExtraneousKeys, type JsonRecord } from '../../service-support/request-body';
import {
  lastPromptText,
  promptBodyConversation,
  shortHash,
  type NativeChunk,
  type TextFamily,
} from './text-family';

const USER_TURN = /User:([\s\S]*?)(?:\n\s*Chatbot:|$)/g;

function finishReason(outcome: ModelOutcome): string {
  return outcome.stopReason === 'max_tokens' ? 'MAX_TOKENS' : 'COMPLETE';
}

export const cohereTextFamily: TextFamily = {
  toolIdPrefix: 'cohere_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, [
      'prompt',
      'max_tokens',
      'temperature',
      'p',
      'k',
      'stop_sequences',
      'return_likelihoods',
      'stream',
      'num_generations',
      'truncate',
    ]);
    const conversation = promptBodyConversation(body, {
      userTurn: USER_TURN,
      maxTokensKey: 'max_tokens',
      maxTokensLimit: 4096,
      stopKey: 'stop_sequences',
    });
    return conversation;
  },
  render(outcome, _model, conversation) {
    const prompt = lastPromptText(conversation);
    return {
      id: shortHash(outcome.text + 'id'),
      generations: [
        { id: shortHash(outcome.text), text: outcome.text, finish_reason: finishReason(outcome), index: 0 },
      ],
      prompt,
    };
  },
  streamChunks(outcome): NativeChunk[] {
    const chunks: NativeChunk[] = textDeltas(outcome.text).map((piece, index) => ({
      chunk: { text: piece, is_finished: false, index },
      tokens: countTextTokens(piece),
    }));
    chunks.push({ chunk: { is_finished: true, finish_reason: finishReason(outcome) }, tokens: 0 });
    return chunks;
  },
};
