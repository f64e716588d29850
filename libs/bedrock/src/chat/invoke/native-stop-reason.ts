// The stop/finish reasons native InvokeModel bodies use → Converse's StopReason (then mapped to OpenAI's
// finish_reason by the Converse code). Formats spell them differently: `stop`, `end_turn`, `COMPLETE`,
// `FINISH`, `length`, `MAX_TOKENS`, `LENGTH`, `tool_calls`, `CONTENT_FILTERED`…
import type { StopReason } from '@aws-sdk/client-bedrock-runtime';

const BY_NATIVE: Record<string, StopReason> = {
  stop: 'end_turn',
  end_turn: 'end_turn',
  eos_token: 'end_turn',
  complete: 'end_turn',
  finish: 'end_turn',
  endoftext: 'end_turn',
  stop_sequence: 'stop_sequence',
  stop_criteria_met: 'stop_sequence',
  length: 'max_tokens',
  max_tokens: 'max_tokens',
  tool_calls: 'tool_use',
  tool_use: 'tool_use',
  content_filtered: 'content_filtered',
  content_filter: 'content_filtered',
  error_toxic: 'content_filtered',
  guardrail_intervened: 'guardrail_intervened',
};

/** Unknown values end the turn (lenient parsing of what Bedrock returns); null/absent stays undefined. */
export function stopReasonOf(native: unknown): StopReason | undefined {
  if (typeof native !== 'string' || native === '') return undefined;
  return BY_NATIVE[native.toLowerCase()] ?? 'end_turn';
}
