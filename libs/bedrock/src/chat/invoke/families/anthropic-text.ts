// Claude 2.x and Claude Instant on InvokeModel (text completions): `\n\nHuman: … \n\nAssistant:` as
// `prompt`, `max_tokens_to_sample` (required), `temperature`, `top_p`, `top_k`, `stop_sequences`;
// answers `{completion, stop_reason, stop}`, streamed as chunks of the same shape.
import { type InvokeFamily } from '../invoke-family';
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

export function claudeTextPrompt({ system, turns }: PromptConversation): string {
  let prompt = system ? system : '';
  for (const turn of turns) prompt += `\n\n${turn.role === 'user' ? 'Human' : 'Assistant'}: ${turn.text}`;
  return `${prompt}\n\nAssistant:`;
}

export const anthropicTextFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input, options) {
    const sampling = samplingOf(input);
    const extra = extraFields(input);
    return definedMembers({
      prompt: claudeTextPrompt(promptConversation(input)),
      max_tokens_to_sample: sampling.maxTokens ?? options.defaultMaxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      top_k: extra.top_k,
      stop_sequences: sampling.stop,
    });
  },
  answer: (body) => textAnswer(String(body.completion ?? ''), stopReasonOf(body.stop_reason) ?? 'end_turn'),
  decoder() {
    const events = new TextEvents();
    return (chunk) => events.next(String(chunk.completion ?? ''), stopReasonOf(chunk.stop_reason));
  },
};
