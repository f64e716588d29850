// AI21 Jurassic-2 (Mid, Ultra) on InvokeModel: `{prompt, maxTokens, temperature, topP, stopSequences}`
// in, `{completions: [{data: {text}, finishReason: {reason}}]}` out. Jurassic-2 does not stream on
// Bedrock: a streamed request is answered from one InvokeModel call (`streams: false`).
import { type InvokeFamily, type JsonObject } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, promptConversation, samplingOf, type PromptConversation } from '../prompt-turns';
import { textAnswer, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

export function jurassicPrompt({ system, turns }: PromptConversation): string {
  const lines = system ? [system] : [];
  for (const turn of turns) lines.push(`${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.text}`);
  lines.push('Assistant:');
  return lines.join('\n');
}

function firstCompletion(body: JsonObject): { text: string; reason: unknown } {
  const completions = (Array.isArray(body.completions) ? body.completions : []) as JsonObject[];
  const first = completions[0] ?? {};
  const data = (first.data ?? {}) as JsonObject;
  return { text: String(data.text ?? ''), reason: ((first.finishReason ?? {}) as JsonObject).reason };
}

export const ai21JurassicFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  streams: false,
  body(input) {
    const sampling = samplingOf(input);
    return definedMembers({
      prompt: jurassicPrompt(promptConversation(input)),
      maxTokens: sampling.maxTokens,
      temperature: sampling.temperature,
      topP: sampling.topP,
      stopSequences: sampling.stop,
    });
  },
  answer(body) {
    const { text, reason } = firstCompletion(body);
    return textAnswer(text, stopReasonOf(reason) ?? 'end_turn');
  },
  decoder() {
    const events = new TextEvents();
    return (chunk) => {
      const { text, reason } = firstCompletion(chunk);
      return events.next(text, stopReasonOf(reason) ?? 'end_turn');
    };
  },
};
