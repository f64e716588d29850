// Claude 2.x and Claude Instant on InvokeModel (text completions): `{prompt: "\n\nHuman: … \n\nAssistant:",
// max_tokens_to_sample, …}` in, `{completion, stop_reason, stop}` out; streamed as chunks of that shape.
import { EmulatorError } from '../../http/emulator-error';
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

const HUMAN_TURN = /\n\nHuman:([\s\S]*?)(?=\n\nAssistant:|$)/g;
const HUMAN_STOP = '\n\nHuman:';

function stop(outcome: ModelOutcome): { stop_reason: string; stop: string | null } {
  if (outcome.stopReason === 'max_tokens') return { stop_reason: 'max_tokens', stop: null };
  return { stop_reason: 'stop_sequence', stop: outcome.stopSequence ?? HUMAN_STOP };
}

export const anthropicTextFamily: TextFamily = {
  toolIdPrefix: 'toolu_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, [
      'prompt',
      'max_tokens_to_sample',
      'temperature',
      'top_p',
      'top_k',
      'stop_sequences',
      'anthropic_version',
    ]);
    requireKeys(body, ['prompt', 'max_tokens_to_sample']);
    const prompt = expectString(body.prompt, 'prompt');
    if (!prompt.includes('\n\nHuman:') || !prompt.trimEnd().endsWith('\n\nAssistant:')) {
      throw EmulatorError.validation(
        'prompt must start with "\\n\\nHuman:" turn after an optional system prompt, and end with "\\n\\nAssistant:" turn',
      );
    }
    const conversation = promptConversation(prompt, lastTurn(prompt, HUMAN_TURN));
    conversation.maxTokens = optionalNumber(body.max_tokens_to_sample, 'max_tokens_to_sample', {
      min: 1,
      integer: true,
    });
    conversation.stopSequences = optionalStringArray(body.stop_sequences, 'stop_sequences');
    return conversation;
  },
  render(outcome) {
    return { type: 'completion', completion: ` ${outcome.text}`, ...stop(outcome) };
  },
  streamChunks(outcome): NativeChunk[] {
    const chunks: NativeChunk[] = textDeltas(` ${outcome.text}`).map((piece) => ({
      chunk: { type: 'completion', completion: piece, stop_reason: null, stop: null },
      tokens: countTextTokens(piece),
    }));
    chunks.push({ chunk: { type: 'completion', completion: '', ...stop(outcome) }, tokens: 0 });
    return chunks;
  },
};
