// The faults of one request and the part of them that comes before any response: the leading latency
// and error faults. The core resolves `x-emulator-fault` (and model-id suffixes on runtime routes) into
// context.faults; agent ids, knowledge-base ids and the rerank model ARN carry a `~fault[,fault…]`
// suffix of the same syntax, resolved here with the core's parser. The header wins over the suffix.
import { parseFaultList, splitModelIdFaults, ThrottleCounters } from '../http/fault-parser';
import type { EmulatorContext, EmulatorResponse, FaultSpec } from '../http/types';
import { runtimeFaultError, serviceFaultError, type FaultError } from './fault-errors';

const THROTTLE_COUNTERS_KEY = 'service-support.throttle-counters';

/** `AGENT12345~throttle:2,latency:20` → the id without suffix and this request's faults. */
export function resolveIdentifierFaults(
  identifier: string,
  context: EmulatorContext,
): { baseId: string; faults: FaultSpec } {
  const { modelId: baseId, faultList } = splitModelIdFaults(identifier);
  if (faultList === undefined) return { baseId, faults: context.faults };
  const parsed = parseFaultList(faultList);
  const faults: FaultSpec = { ...parsed.faults };
  for (const [key, value] of Object.entries(context.faults))
    if (value !== undefined) Object.assign(faults, { [key]: value });
  // throttle:N throttles only the first N requests carrying this exact identifier (suffix included).
  if (context.faults.kind === undefined && faults.kind === 'throttle' && parsed.throttleCount !== undefined) {
    if (!throttleCounters(context).shouldThrottle(identifier, parsed.throttleCount)) faults.kind = undefined;
  }
  return { baseId, faults };
}

function throttleCounters(context: EmulatorContext): ThrottleCounters {
  let counters = context.state.get(THROTTLE_COUNTERS_KEY) as ThrottleCounters | undefined;
  if (!counters) {
    counters = new ThrottleCounters();
    context.state.set(THROTTLE_COUNTERS_KEY, counters);
  }
  return counters;
}

/** Waits `ms`, or less if the client goes away. */
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

export interface LeadingFaultRules {
  /** A stream sends its headers at once under slow-first-byte; its first event waits (paced-event-stream.ts). */
  streaming?: boolean;
  /** The operation's error for an error fault (default: bedrock-runtime's). */
  errorFor?: (kind: string | undefined) => FaultError | undefined;
}

/** The agent runtime's and control plane's rules (their errors have no ModelErrorException). */
export const SERVICE_FAULTS: LeadingFaultRules = { errorFor: serviceFaultError };

/**
 * Waits the request's latency (its fault latency, else the emulator default) and answers an error
 * fault; true when the response has already been sent.
 */
export async function answerLeadingFaults(
  faults: FaultSpec,
  context: EmulatorContext,
  response: EmulatorResponse,
  signal: AbortSignal,
  { streaming = false, errorFor = runtimeFaultError }: LeadingFaultRules = {},
): Promise<boolean> {
  const delayMs =
    streaming && faults.kind === 'slow-first-byte' ? 0 : (faults.latencyMs ?? context.options.latencyMs);
  await sleep(delayMs, signal);
  const error = errorFor(faults.kind);
  if (!error) return false;
  response.error(error.status, error.errorType, error.message, error.extra);
  return true;
}
