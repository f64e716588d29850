// A started stream, relayed to the client: frames go out as they come (with backpressure), the first one
// carrying model output marks the time to first token, and whatever ends the stream — its end, a client
// that left, an upstream failure, our deadline or shutdown — it ends cleanly and its usage is metered
// (Bedrock's report, or an estimate when the stream was cut before it).
import type { Logger } from 'pino';
import { CLIENT_CLOSED_REQUEST, toInvocationError, type CallSignals } from './errors/invocation-error';
import type { StreamRelay } from './invocation';
import { SUCCESS_OUTCOME, type CallOutcome } from './metering/call-outcome';
import type { MeteredCall } from './metering/metered-call';
import type { SseResponse } from './reply/sse-response';

export async function relayStream(
  call: MeteredCall,
  relay: StreamRelay,
  sse: SseResponse,
  signals: CallSignals,
  logger: Logger,
  /** Called for every frame (the stream_timeout's silence starts over). */
  onFrame?: () => void,
): Promise<CallOutcome> {
  let streamedCharacters = 0;
  const emit = (text: string, outputCharacters: number) => {
    onFrame?.();
    if (outputCharacters > 0) {
      call.markFirstToken();
      streamedCharacters += outputCharacters;
    }
    return sse.write(text);
  };
  try {
    await relay.run(emit);
    return SUCCESS_OUTCOME;
  } catch (error) {
    if (signals.clientGone?.aborted) return { status: 'aborted', httpStatus: CLIENT_CLOSED_REQUEST };
    const openAIError = toInvocationError(error, signals);
    const errorType = openAIError.code ?? openAIError.type;
    logger.warn(
      { reqId: call.requestId, status: openAIError.status, errorType },
      'stream failed after the first byte',
    );
    for (const frame of relay.failureFrames(openAIError)) sse.write(frame);
    return { status: 'error', httpStatus: openAIError.status, errorType };
  } finally {
    call.usage = relay.usage(streamedCharacters);
    call.reportedCost = relay.cost?.(call.usage);
    sse.end();
  }
}
