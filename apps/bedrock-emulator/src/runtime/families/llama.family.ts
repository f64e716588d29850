// Meta Llama on InvokeModel: a templated prompt in, {generation, …token_count, stop_reason} out.
import type { ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import {
  expectString,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import { lastTurn, promptConversation, type NativeChunk, type TextFamily } from './text-family';

const LLAMA3_USER_TURN = /<\|start_header_id\|>user<\|end_header_id\|>([\s\S]*?)<\|eot_id\|>/g;
const LLAMA2_USER_TURN = /\[INST\]([\s\S]*?)\[\/INST\]/g;

function promptTokens(outcome: ModelOutcome): number {
  return outcome.usage.inputTokens + outcome.usage.cacheReadInputTokens + outcome.usage.cacheWriteInputTokens;
}

function finish(outcome: ModelOutcome): string {
  return outcome.stopReason === 'max_tokens' ? 'length' : 'stop';
}

export const llamaFamily: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, ['prompt', 'temperature', 'top_p', 'max_gen_len', 'images']);
    requireKeys(body, ['prompt']);
    const prompt = expectString(body.prompt, 'prompt');
    const turn = prompt.includes('<|start_header_id|>') ? LLAMA3_USER_TURN : LLAMA2_USER_TURN;
    const conversation = promptConversation(prompt, lastTurn(prompt, turn));
    conversation.maxTokens = optionalNumber(body.max_gen_len, 'max_gen_len', {
      min: 1,
      max: 2048,
      integer: true,
    });
    return conversation;
  },
  render(outcome) {
    return {
      generation: outcome.text,
      prompt_token_count: promptTokens(outcome),
      generation_token_count: outcome.usage.outputTokens,
      stop_reason: finish(outcome),
    };
  },
  streamChunks(outcome): NativeChunk[] {
    const pieces = textDeltas(outcome.text);
    let generated = 0;
    const chunks = pieces.map((piece, index) => {
      generated += countTextTokens(piece);
      return {
        chunk: {
          generation: piece,
          prompt_token_count: index === 0 ? promptTokens(outcome) : null,
          generation_token_count: generated,
          stop_reason: null as string | null,
        },
        tokens: countTextTokens(piece),
      };
    });
    chunks.push({
      chunk: {
        generation: '',
        prompt_token_count: null,
        generation_token_count: outcome.usage.outputTokens,
        stop_reason: finish(outcome),
      },
      tokens: 0,
    });
    return chunks;
  },
};
