// Anthropic's error dialect, for the routes Anthropic's clients call (/v1/messages…): the same errors as
// everywhere else, written as {"type": "error", "error": {"type", "message"}} with Anthropic's statuses,
// so the Anthropic SDKs raise their own error classes and Claude Code retries what it should (429 with
// retry-after, 529 overloaded).
import type { OpenAIError } from '@quarry/openai';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
}

/** Paths whose errors are written in Anthropic's dialect. */
const ANTHROPIC_PATHS = /^\/(v1\/)?messages(\/|\?|$)/;

export function speaksAnthropic(url: string): boolean {
  return ANTHROPIC_PATHS.test(url);
}

export function anthropicStatusOf(error: OpenAIError): { status: number; type: AnthropicErrorType } {
  const status = error.status;
  // Budgets and rate limits alike: the client waits (retry-after) and comes back.
  if (status === 429 || error.type === 'budget_exceeded') return { status: 429, type: 'rate_limit_error' };
  if (status === 401) return { status, type: 'authentication_error' };
  if (status === 403) return { status, type: 'permission_error' };
  if (status === 404) return { status, type: 'not_found_error' };
  if (status === 413) return { status, type: 'request_too_large' };
  if (status === 408 || status === 504) return { status: 504, type: 'timeout_error' };
  if (status === 503 || status === 529) return { status: 529, type: 'overloaded_error' };
  if (status >= 500) return { status: 500, type: 'api_error' };
  return { status, type: 'invalid_request_error' };
}

export function anthropicErrorBody(error: OpenAIError): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicStatusOf(error).type, message: error.message } };
}

/** The SSE event that ends an Anthropic stream that failed after its first byte. */
export function anthropicErrorEvent(error: OpenAIError): string {
  return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
}
