// Which failures make the gateway try another model, and which list it takes (LiteLLM's rules):
// - a request too long for the model's context window → `context_window_fallbacks`;
// - a request a content filter refused → `content_policy_fallbacks`;
// - throttling, outages (5xx), timeouts, and a broken deployment (401/403/404: credentials, IAM, a model
//   not enabled in that account) → `fallbacks`, else `default_fallbacks`.
// Any other 4xx is the request's own fault: every model with the same contract would refuse it, so it is
// not sent elsewhere (LiteLLM's `is_request_rejection`). A client that left or a gateway shutting down
// ends the call. Each special kind uses its own list only, as LiteLLM long has: a model-specific
// `fallbacks` list is for outages, not a way around a content filter.
import type { OpenAIError } from '@quarry/openai';
import { CLIENT_CLOSED_REQUEST } from '../errors/invocation-error';

export type FallbackTrigger = 'context_window' | 'content_policy' | 'generic';

/** Bedrock's words for a prompt past the context window (LiteLLM's ContextWindowExceededError list). */
const CONTEXT_WINDOW =
  /too many (input )?tokens|input is too long|prompt is too long|expected maxLength|prompt: length: 1\.\.|context (length|window)|maximum context/i;

/** Bedrock's words for a content filter's refusal (Titan / Nova Canvas / Stability image filters…). */
const CONTENT_POLICY = /content filters?\b|content policy|blocked by (our|the) .*filter/i;

const BROKEN_DEPLOYMENT = new Set([401, 403, 404, 408, 429]);

export function fallbackTriggerOf(error: OpenAIError): FallbackTrigger | undefined {
  if (error.status === CLIENT_CLOSED_REQUEST || error.code === 'shutting_down') return undefined;
  if (error.status === 400 || error.status === 413 || error.status === 422) {
    if (error.code === 'content_filter' || CONTENT_POLICY.test(error.message)) return 'content_policy';
    if (error.code === 'context_length_exceeded' || CONTEXT_WINDOW.test(error.message))
      return 'context_window';
    return undefined;
  }
  if (BROKEN_DEPLOYMENT.has(error.status) || error.status >= 500) return 'generic';
  return undefined;
}
