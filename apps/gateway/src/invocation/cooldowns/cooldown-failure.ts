// Which failed attempts count against a deployment's health: throttling (429), upstream 5xx, timeouts and
// network failures — what says the deployment (its account, region or endpoint) is in trouble. A 4xx is
// the request's fault and counts for nothing; nor does a client that left or the gateway shutting down;
// nor a 500, which Quarry keeps for its own defects; nor a deadline the request's own `timeout` set (a
// tenant could otherwise cool a shared deployment down for every team with a few tiny timeouts).
import { toInvocationError, type CallSignals } from '../errors/invocation-error';
import { isClientsOwnTimeout } from '../timeouts/timeout-errors';

export function countsAgainstDeployment(error: unknown, signals: CallSignals): boolean {
  if (signals.clientGone?.aborted || signals.shutdown?.aborted) return false;
  if (signals.deadline?.aborted && isClientsOwnTimeout(signals.deadline.reason)) return false;
  const status = toInvocationError(error, signals).status;
  return status === 429 || status === 408 || (status > 500 && status < 600);
}
