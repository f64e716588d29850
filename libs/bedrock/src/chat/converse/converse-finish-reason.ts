// Converse stopReason → OpenAI finish_reason.
//
// Decisions where OpenAI has no equal:
// - model_context_window_exceeded → 'length': the answer was cut off by a token limit, which is what
//   'length' tells a client (retry with a shorter prompt or a larger max_tokens).
// - malformed_model_output / malformed_tool_use → 'stop': Bedrock already dropped the unparseable
//   part; what was returned is complete as far as it goes, and OpenAI has no 'error' finish reason.
//   Clients see the missing tool call as an ordinary end of turn rather than a bogus 'tool_calls'.
// - values newer than this SDK → 'stop' (lenient parsing of what Bedrock returns).
// - tool_use → 'tool_calls' only when tool calls were actually returned to the client: in JSON mode
//   through a forced tool, the tool input became the content and the turn ended normally.
import type { StopReason } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionFinishReason } from '@quarry/openai';

export function toFinishReason(
  stopReason: StopReason | undefined,
  returnedToolCalls: boolean,
): ChatCompletionFinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'malformed_model_output':
    case 'malformed_tool_use':
    case undefined:
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return returnedToolCalls ? 'tool_calls' : 'stop';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default: {
      // Compile-time: every StopReason the SDK knows is handled above. Run-time: a value Bedrock
      // added later still ends the turn.
      const _unknown: never = stopReason;
      return 'stop';
    }
  }
}
