// The servers a test starts in its own process (the emulator, the gateway) announce every HTTP/1.1
// request they receive on Node's diagnostics channel. Tests wait for that event instead of sleeping
// "long enough" for a request to get somewhere.
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { settledWithin } from './polling';

const SERVER_REQUEST_START = 'http.server.request.start';

/**
 * Starts listening now (before the request is sent) and resolves when an in-process server receives a
 * request whose decoded path `matches`; fails after `timeoutMs` naming `what`.
 */
export function requestArrival(
  what: string,
  matches: (path: string) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  let onRequest: (message: unknown) => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    onRequest = (message) => {
      const { request } = message as { request: IncomingMessage };
      if (matches(decodeURIComponent(request.url ?? ''))) resolve();
    };
  });
  diagnosticsChannel.subscribe(SERVER_REQUEST_START, onRequest);
  return settledWithin(what, arrived, timeoutMs).finally(() =>
    diagnosticsChannel.unsubscribe(SERVER_REQUEST_START, onRequest),
  );
}
