// Mistral's text models (7B, Mixtral, Large/Small 24.02) on InvokeModel: `<s>[INST] … [/INST]` prompt,
// `max_tokens`, `temperature`, `top_p`, `top_k`, `stop`; answers `{outputs: [{text, stop_reason}]}`.
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

export function mistralPrompt({ system, turns }: PromptConversation): string {
  let prompt = '<s>';
  let pendingSystem = system ? `${system}\n\n` : '';
  for (const turn of turns) {
    if (turn.role === 'user') {
      prompt += `[INST] ${pendingSystem}${turn.text} [/INST]`;
      pendingSystem = '';
    } else prompt += ` ${turn.text}</s>`;
  }
  return prompt;
}

function firstOutput(body: JsonObject): JsonObject {
  const outputs = Array.isArray(body.outputs) ? (body.outputs as JsonObject[]) : [];
  return outputs[0] ?? {};
}

export const mistralTextFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input) {
    const sampling = samplingOf(input);
    const extra = extraFields(input);
    return definedMembers({
      prompt: mistralPrompt(promptConversation(input)),
      max_tokens: sampling.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      top_k: extra.top_k,
      stop: sampling.stop,
    });
  },
  answer(body) {
    const output = firstOutput(body);
    return textAnswer(String(output.text ?? ''), stopReasonOf(output.stop_reason) ?? 'end_turn');
  },
  decoder() {
    const events = new TextEvents();
    return (chunk) => {
      const output = firstOutput(chunk);
      return events.next(String(output.text ?? ''), stopReasonOf(output.stop_reason));
    };
  },
};
