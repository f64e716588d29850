// Applies a request's faults on bedrock-runtime routes: added latency, error responses, and the
// pacing/midstream helpers the streaming handlers use.
import type { EmulatorContext, EmulatorResponse, FaultSpec } from '../http/types';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
  });
}

export function runtimeFaultError(
  kind: string | undefined,
): { status: number; errorType: string; message: string; extra?: Record<string, unknown> } | undefined {
  switch (kind) {
    case 'throttle':
      return {
        status: 429,
        errorType: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
      };
    case 'error500':
      return {
        status: 500,
        errorType: 'InternalServerException',
        message: 'The system encountered an unexpected error during processing. Try your request again.',
      };
    case 'unavailable':
      return {
        status: 503,
        errorType: 'ServiceUnavailableException',
        message: 'The service is temporarily unable to handle the request. Try again later.',
      };
    case 'timeout':
      return {
        status: 408,
        errorType: 'ModelTimeoutException',
        message: 'The request took too long to process. Processing time exceeded the model timeout length.',
      };
    case 'model-error':
      return {
        status: 424,
        errorType: 'ModelErrorException',
        message: 'The model returned an error while processing the request.',
        extra: { originalStatusCode: 500, resourceName: 'emulated-model' },
      };
    default:
      return undefined;
  }
}

/** Latency before the response (for streams with slow-first-byte: after the headers instead). */
export function leadingDelayMs(context: EmulatorContext, streaming: boolean): number {
  if (streaming && context.faults.kind === 'slow-first-byte') return 0;
  return context.faults.latencyMs ?? context.options.latencyMs;
}

/** Waits the leading latency and answers error faults; true when the response was already sent. */
export async function answerLeadingFaults(
  context: EmulatorContext,
  response: EmulatorResponse,
  signal: AbortSignal,
  streaming: boolean,
): Promise<boolean> {
  await sleep(leadingDelayMs(context, streaming), signal);
  const error = runtimeFaultError(context.faults.kind);
  if (!error) return false;
  response.error(error.status, error.errorType, error.message, error.extra);
  return true;
}

/** Delay between the stream headers and the first event (slow-first-byte). */
export function firstEventDelayMs(faults: FaultSpec): number {
  return faults.kind === 'slow-first-byte' ? (faults.latencyMs ?? 0) : 0;
}

/** Events sent before a `midstream` fault cuts the stream with modelStreamErrorException. */
export const MIDSTREAM_EVENTS_BEFORE_FAILURE = 3;

export const MIDSTREAM_EXCEPTION = {
  message:
    'The model stream failed: an error occurred while the model was generating (emulator midstream fault).',
  originalStatusCode: 500,
  originalMessage: 'Internal model error.',
};

/** Spaces events out so output tokens arrive at `tokensPerSecond` (0 = as fast as possible). */
export class StreamPacer {
  private readonly startedAt = Date.now();
  private tokens = 0;

  constructor(
    private readonly tokensPerSecond: number,
    private readonly signal: AbortSignal,
  ) {}

  async after(tokens: number): Promise<void> {
    if (!this.tokensPerSecond || tokens <= 0) return;
    this.tokens += tokens;
    const dueAt = this.startedAt + (this.tokens / this.tokensPerSecond) * 1000;
    await sleep(dueAt - Date.now(), this.signal);
  }
}

/** Real Bedrock pads stream events with a random-length "p" field; the emulator's is deterministic. */
export function padding(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return letters.slice(0, 1 + ((index * 7) % letters.length));
}
