// The bedrock-runtime client's middleware stack, trimmed to what the gateway needs. Each call still goes
// through the SDK's serializer, endpoint resolution, auth-scheme selection, signer and deserializer; what
// goes is per-call work whose result the gateway never uses, measured with `node bench/sdk-call-cost.mjs`:
// - the logger middleware builds a redacted copy of every input and output for a logger we never set
//   (and must not: it would log prompts);
// - the retry middleware, with the single attempt the gateway asks for (it retries itself, with jitter and
//   fallbacks, before the first byte), only adds invocation-id headers; a pass-through takes its name,
//   because the signer is placed relative to it (≈ 30 µs per call);
// - the user-agent middleware rebuilds the same header from feature flags on every call: a fixed one is
//   set instead; recursion detection copies a Lambda trace id, and the gateway is not a Lambda function
//   (≈ 35 µs per call for the two).
import type { BuildMiddleware, FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';

/** Sent as `user-agent` and `x-amz-user-agent` on every Bedrock runtime call. */
export const RUNTIME_USER_AGENT = `quarry aws-sdk-js/3 api/bedrock-runtime lang/js md/nodejs#${process.versions.node}`;

export function trimRuntimeStack<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
  { singleAttempt }: { singleAttempt: boolean },
): void {
  stack.remove('loggerMiddleware');
  stack.remove('recursionDetectionMiddleware');
  stack.add(fixedUserAgent<Input, Output>(), {
    name: 'getUserAgentMiddleware',
    step: 'build',
    priority: 'low',
    override: true,
  });
  if (singleAttempt) {
    stack.add(passThrough<Input, Output>(), {
      name: 'retryMiddleware',
      step: 'finalizeRequest',
      priority: 'high',
      override: true,
    });
  }
}

function fixedUserAgent<Input extends object, Output extends object>(): BuildMiddleware<Input, Output> {
  return (next) => (args) => {
    const headers = (args.request as { headers?: Record<string, string> }).headers;
    if (headers) {
      headers['user-agent'] = RUNTIME_USER_AGENT;
      headers['x-amz-user-agent'] = RUNTIME_USER_AGENT;
    }
    return next(args);
  };
}

function passThrough<Input extends object, Output extends object>(): FinalizeRequestMiddleware<
  Input,
  Output
> {
  return (next) => (args) => next(args);
}
