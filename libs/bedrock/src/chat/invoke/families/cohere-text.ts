// Cohere Command and Command Light (text) on InvokeModel: `{prompt, max_tokens, temperature, p, k,
// stop_sequences}`; answers `{generations: [{text, finish_reason}]}`; streamed chunks carry `text` and,
// at the end, `is_finished` with `finish_reason`.
import { type InvokeFamily, type JsonObject } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import {
  definedMembers,
  extraFields,
  promptConversation,
  samplingOf,
  type PromptConversation,
} from '../prompt-turns';
import { textAnswer, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

export function cohereTextPrompt({ system, turns }: PromptConversation): string {
  const lines = system ? [system] : [];
  for (const turn of turns) lines.push(`${turn.role === 'user' ? 'User' : 'Chatbot'}: ${turn.text}`);
  lines.push('Chatbot:');
  return lines.join('\n');
}

export const cohereTextFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input) {
    const sampling = samplingOf(input);
    const extra = extraFields(input);
    return definedMembers({
      prompt: cohereTextPrompt(promptConversation(input)),
      max_tokens: sampling.maxTokens,
      temperature: sampling.temperature,
      p: sampling.topP,
      k: extra.k ?? extra.top_k,
      stop_sequences: sampling.stop,
    });
  },
  answer(body) {
    const generations = Array.isArray(body.generations) ? (body.generations as JsonObject[]) : [];
    const first = generations[0] ?? {};
    return textAnswer(String(first.text ?? ''), stopReasonOf(first.finish_reason) ?? 'end_turn');
  },
  decoder() {
    const events = new TextEvents();
    return (chunk) =>
      events.next(
        typeof chunk.text === 'string' ? chunk.text : '',
        chunk.is_finished === true ? (stopReasonOf(chunk.finish_reason) ?? 'end_turn') : undefined,
      );
  },
};
