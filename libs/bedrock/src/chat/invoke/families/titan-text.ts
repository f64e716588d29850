// Amazon Titan Text on InvokeModel: `{inputText, textGenerationConfig: {maxTokenCount, temperature, topP,
// stopSequences}}` with the conversation as `User: … Bot:` lines; answers
// `{inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}`, streamed as
// `{outputText, completionReason, …}` chunks.
import { type InvokeFamily, type JsonObject } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, promptConversation, samplingOf, type PromptConversation } from '../prompt-turns';
import { numberOr, textAnswer, TextEvents } from '../text-chunk-events';
import { TEXT_ONLY } from './text-only-limits';

export function titanPrompt({ system, turns }: PromptConversation): string {
  const lines = system ? [system] : [];
  for (const turn of turns) lines.push(`${turn.role === 'user' ? 'User' : 'Bot'}: ${turn.text}`);
  lines.push('Bot:');
  return lines.join('\n');
}

export const titanTextFamily: InvokeFamily = {
  limits: TEXT_ONLY,
  body(input) {
    const sampling = samplingOf(input);
    const config = definedMembers({
      maxTokenCount: sampling.maxTokens,
      temperature: sampling.temperature,
      topP: sampling.topP,
      stopSequences: sampling.stop,
    });
    const body: JsonObject = { inputText: titanPrompt(promptConversation(input)) };
    if (Object.keys(config).length > 0) body.textGenerationConfig = config;
    return body;
  },
  answer(body) {
    const results = Array.isArray(body.results) ? (body.results as JsonObject[]) : [];
    const first = results[0] ?? {};
    return textAnswer(String(first.outputText ?? ''), stopReasonOf(first.completionReason) ?? 'end_turn', {
      inputTokens: numberOr(body.inputTextTokenCount),
      outputTokens: numberOr(first.tokenCount),
    });
  },
  decoder() {
    const events = new TextEvents();
    return (chunk) => events.next(String(chunk.outputText ?? ''), stopReasonOf(chunk.completionReason));
  },
};
