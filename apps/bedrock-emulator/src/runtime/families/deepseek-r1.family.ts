// DeepSeek R1 on InvokeModel: its chat template as `prompt` (ending in `<｜Assistant｜><think>\n`),
// `max_tokens`, `temperature`, `top_p`, `stop` in; `{choices: [{text, stop_reason}]}` out, the text
// being the model's reasoning, `</think>`, then its answer; streamed as chunks of the same shape.
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import { rejectExtraneousKeys, type JsonRecord } from '../../service-support/request-body';
import { promptBodyConversation, type NativeChunk, type TextFamily } from './text-family';

const USER_TURN = /<｜User｜>([\s\S]*?)(?=<｜Assistant｜>|$)/g;

function finish(outcome: ModelOutcome): string {
  return outcome.stopReason === 'max_tokens' ? 'length' : 'stop';
}

/** What the model writes after the prompt's `<think>\n`: reasoning, the closing tag, the answer. */
function generated(outcome: ModelOutcome): string {
  return `${outcome.reasoning?.text ?? ''}\n</think>\n\n${outcome.text}`;
}

export const deepSeekR1Family: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, ['prompt', 'max_tokens', 'temperature', 'top_p', 'stop']);
    const conversation = promptBodyConversation(body, {
      userTurn: USER_TURN,
      maxTokensKey: 'max_tokens',
      maxTokensLimit: 32768,
      stopKey: 'stop',
    });
    // R1 always reasons first.
    conversation.thinking = true;
    return conversation;
  },
  render(outcome) {
    return { choices: [{ text: generated(outcome), stop_reason: finish(outcome) }] };
  },
  streamChunks(outcome): NativeChunk[] {
    const chunks: NativeChunk[] = textDeltas(generated(outcome)).map((piece) => ({
      chunk: { choices: [{ text: piece, stop_reason: null }] },
      tokens: countTextTokens(piece),
    }));
    chunks.push({ chunk: { choices: [{ text: '', stop_reason: finish(outcome) }] }, tokens: 0 });
    return chunks;
  },
};
