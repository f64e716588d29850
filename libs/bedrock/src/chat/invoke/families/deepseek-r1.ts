// DeepSeek R1 on InvokeModel: its chat template as `prompt`, ending in `<think>\n` so the model reasons
// first; `max_tokens` (imported models through `bedrock/deepseek_r1/`: `max_gen_len`, Llama's
// parameters), `temperature`, `top_p`, `stop`. Answers `{choices: [{text, stop_reason}]}` (imported:
// `{generation, stop_reason}`); the text up to `</think>` is the reasoning, the rest the answer.
import type { ContentBlock, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type InvokeFamily, type JsonObject, type NativeAnswer } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, promptConversation, samplingOf, type PromptConversation } from '../prompt-turns';
import { numberOr, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

const END_OF_THINKING = '</think>';

export function deepSeekR1Prompt({ system, turns }: PromptConversation): string {
  let prompt = `<｜begin▁of▁sentence｜>${system}`;
  for (const turn of turns) {
    prompt +=
      turn.role === 'user' ? `<｜User｜>${turn.text}` : `<｜Assistant｜>${turn.text}<｜end▁of▁sentence｜>`;
  }
  return `${prompt}<｜Assistant｜><think>\n`;
}

function generated(body: JsonObject): { text: string; stop: unknown } {
  if (Array.isArray(body.choices)) {
    const first = (body.choices as JsonObject[])[0] ?? {};
    return { text: String(first.text ?? ''), stop: first.stop_reason };
  }
  return { text: String(body.generation ?? ''), stop: body.stop_reason };
}

/** Splits R1's output at `</think>`; output without the tag is all answer. */
export function splitReasoning(text: string): { reasoning: string; answer: string } {
  const end = text.indexOf(END_OF_THINKING);
  if (end < 0) return { reasoning: '', answer: text };
  return {
    reasoning: text.slice(0, end).trim(),
    answer: text.slice(end + END_OF_THINKING.length).replace(/^\s+/, ''),
  };
}

export function deepSeekR1Family(imported: boolean): InvokeFamily {
  return {
    limits: TEXT_ONLY,
    body(input) {
      const sampling = samplingOf(input);
      return definedMembers({
        prompt: deepSeekR1Prompt(promptConversation(input)),
        [imported ? 'max_gen_len' : 'max_tokens']: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        stop: imported ? undefined : sampling.stop,
      });
    },
    answer(body): NativeAnswer {
      const { text, stop } = generated(body);
      const { reasoning, answer } = splitReasoning(text);
      const content: ContentBlock[] = [];
      if (reasoning) content.push({ reasoningContent: { reasoningText: { text: reasoning } } });
      content.push({ text: answer });
      const answered: NativeAnswer = { content, stopReason: stopReasonOf(stop) ?? 'end_turn' };
      if (body.prompt_token_count !== undefined)
        answered.usage = {
          inputTokens: numberOr(body.prompt_token_count),
          outputTokens: numberOr(body.generation_token_count),
        };
      return answered;
    },
    decoder() {
      const events = new TextEvents();
      let thinking = true;
      return (chunk): ConverseStreamOutput[] => {
        const { text, stop } = generated(chunk);
        const stopReason = stopReasonOf(stop);
        if (!thinking) return events.next(text, stopReason);
        const end = text.indexOf(END_OF_THINKING);
        if (end < 0) return [...events.reasoning(text), ...events.next(undefined, stopReason)];
        thinking = false;
        const after = text.slice(end + END_OF_THINKING.length).replace(/^\s+/, '');
        return [...events.reasoning(text.slice(0, end)), ...events.next(after, stopReason)];
      };
    },
  };
}
