// Faults for the agent runtime, control plane and Rerank. The core resolves `x-emulator-fault`
// (and model-id suffixes on runtime routes) into context.faults; agent ids, knowledge-base ids and
// the rerank model ARN carry a `~fault[,fault…]` suffix of the same syntax, resolved here with the
// core's parser. The header wins over the suffix.
import { parseFaultList, splitModelIdFaults, ThrottleCounters } from '../http/fault-parser';
import type { EmulatorContext, EmulatorResponse, FaultSpec } from '../http/types';
import { runtimeFaultError, sleep } from '../runtime/runtime-faults';

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

/** The error a pre-response fault turns into (the runtime's), or undefined when the request should proceed. */
export function serviceFaultError(kind: string | undefined): ReturnType<typeof runtimeFaultError> {
  if (kind === 'model-error') {
    // The agent runtime and control plane have no ModelErrorException; a failing model is a failed dependency.
    return { status: 424, errorType: 'DependencyFailedException', message: 'The model returned an error.' };
  }
  return runtimeFaultError(kind);
}

/**
 * Waits the request's latency (its fault latency, else the emulator default) and answers error
 * faults; returns true when the response has already been sent.
 */
export async function answerFault(
  faults: FaultSpec,
  context: EmulatorContext,
  response: EmulatorResponse,
  signal: AbortSignal,
): Promise<boolean> {
  await sleep(faults.latencyMs ?? context.options.latencyMs, signal);
  const error = serviceFaultError(faults.kind);
  if (!error) return false;
  response.error(error.status, error.errorType, error.message, error.extra);
  return true;
}
