// Mistral text-completion models on InvokeModel: `<s>[INST] … [/INST]` in, {outputs:[{text, stop_reason}]} out.
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import {
  expectString,
  optionalNumber,
  optionalStringArray,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import { lastTurn, promptConversation, type NativeChunk, type TextFamily } from './text-family';

const MISTRAL_USER_TURN = /\[INST\]([\s\S]*?)\[\/INST\]/g;

function finish(outcome: ModelOutcome): string {
  return outcome.stopReason === 'max_tokens' ? 'length' : 'stop';
}

export const mistralTextFamily: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, ['prompt', 'max_tokens', 'temperature', 'top_p', 'top_k', 'stop']);
    requireKeys(body, ['prompt']);
    const prompt = expectString(body.prompt, 'prompt');
    const conversation = promptConversation(prompt, lastTurn(prompt, MISTRAL_USER_TURN));
    conversation.maxTokens = optionalNumber(body.max_tokens, 'max_tokens', { min: 1, integer: true });
    conversation.stopSequences = optionalStringArray(body.stop, 'stop');
    return conversation;
  },
  render(outcome) {
    return { outputs: [{ text: outcome.text, stop_reason: finish(outcome) }] };
  },
  streamChunks(outcome): NativeChunk[] {
    const chunks: NativeChunk[] = textDeltas(outcome.text).map((piece) => ({
      chunk: { outputs: [{ text: piece, stop_reason: null }] },
      tokens: countTextTokens(piece),
    }));
    chunks.push({ chunk: { outputs: [{ text: '', stop_reason: finish(outcome) }] }, tokens: 0 });
    return chunks;
  },
};
