// Imported Qwen 2 and Qwen 3 models (`bedrock/qwen2/…`, `bedrock/qwen3/…` in front of an imported-model
// ARN) on InvokeModel: the ChatML template (`<|im_start|>role\n…<|im_end|>`) as `prompt`,
// `max_gen_len`, `temperature`, `top_p`, `top_k`, `stop`; answers `{generation}` (Qwen 3) or `{text}`
// (Qwen 2), with `stop_reason` where the container sends one.
import { type InvokeFamily, type JsonObject } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import {
  definedMembers,
  extraFields,
  promptConversation,
  samplingOf,
  type PromptConversation,
} from '../prompt-turns';
import { numberOr, textAnswer, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

export function chatMlPrompt({ system, turns }: PromptConversation): string {
  const parts = system ? [`<|im_start|>system\n${system}<|im_end|>`] : [];
  for (const turn of turns) parts.push(`<|im_start|>${turn.role}\n${turn.text}<|im_end|>`);
  parts.push('<|im_start|>assistant\n');
  return parts.join('\n');
}

function generatedText(body: JsonObject): string {
  const text = String(body.generation ?? body.text ?? '');
  return text.replace(/^<\|im_start\|>assistant\n/, '').replace(/<\|im_end\|>$/, '');
}

export const qwenPromptFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input) {
    const sampling = samplingOf(input);
    return definedMembers({
      prompt: chatMlPrompt(promptConversation(input)),
      max_gen_len: sampling.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      top_k: extraFields(input).top_k,
      stop: sampling.stop,
    });
  },
  answer(body) {
    const usage = body.usage as JsonObject | undefined;
    return textAnswer(
      generatedText(body),
      stopReasonOf(body.stop_reason) ?? 'end_turn',
      usage
        ? { inputTokens: numberOr(usage.prompt_tokens), outputTokens: numberOr(usage.completion_tokens) }
        : undefined,
    );
  },
  decoder() {
    const events = new TextEvents();
    return (chunk) =>
      events.next(String(chunk.generation ?? chunk.text ?? ''), stopReasonOf(chunk.stop_reason));
  },
};
