// InvokeModel answers carry their token counts only in response headers (x-amzn-bedrock-input-token-count
// and friends), which the SDK's schema does not map (bedrock-wire.md §2.3). A build-step middleware —
// which wraps deserialization, so the output exists — copies them onto the output under a symbol. Only
// InvokeModel's answer carries them: for every other command the middleware hands back `next` itself,
// and since the client resolves a command's middleware once (cacheMiddleware), Converse pays nothing.
import type { BuildHandler, BuildMiddleware, Pluggable } from '@smithy/types';

const METRICS = Symbol('quarry.invocationMetrics');

export interface InvocationMetrics {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

const INPUT_TOKENS = 'x-amzn-bedrock-input-token-count';

function count(headers: Record<string, string | undefined>, name: string): number {
  const value = Number(headers[name]);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

const COMMANDS_WITH_METRICS = new Set(['InvokeModelCommand']);

function copyMetrics<Input extends object, Output extends object>(): BuildMiddleware<Input, Output> {
  return (next, context) => {
    if (!COMMANDS_WITH_METRICS.has(context.commandName ?? '')) return next;
    return copyingMetrics(next);
  };
}

function copyingMetrics<Input extends object, Output extends object>(
  next: BuildHandler<Input, Output>,
): BuildHandler<Input, Output> {
  return async (args) => {
    const result = await next(args);
    const headers = (result.response as { headers?: Record<string, string | undefined> }).headers;
    if (
      headers?.[INPUT_TOKENS] !== undefined &&
      typeof result.output === 'object' &&
      result.output !== null
    ) {
      const metrics: InvocationMetrics = {
        inputTokens: count(headers, INPUT_TOKENS),
        outputTokens: count(headers, 'x-amzn-bedrock-output-token-count'),
        cacheReadTokens: count(headers, 'x-amzn-bedrock-cache-read-input-token-count'),
        cacheWriteTokens: count(headers, 'x-amzn-bedrock-cache-write-input-token-count'),
      };
      (result.output as Record<symbol, unknown>)[METRICS] = metrics;
    }
    return result;
  };
}

export function invocationMetricsPlugin<Input extends object, Output extends object>(): Pluggable<
  Input,
  Output
> {
  return {
    applyToStack(stack) {
      stack.add(copyMetrics<Input, Output>(), { step: 'build', name: 'quarryInvocationMetrics' });
    },
  };
}

/** The token counts Bedrock sent in the headers of this call's answer, if it sent them. */
export function invocationMetricsOf(output: object): InvocationMetrics | undefined {
  return (output as Record<symbol, InvocationMetrics | undefined>)[METRICS];
}
