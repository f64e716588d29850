// Fault injection syntax, shared by the model-id suffix (`model~throttle:2,latency:50`) and the
// `x-emulator-fault` header. The core resolves it per request into context.faults.
import { EmulatorError } from './emulator-error';
import type { FaultSpec } from './types';

export interface ParsedFaults {
  faults: FaultSpec;
  /** `throttle:N`: only the first N requests for the same key are throttled. */
  throttleCount?: number;
}

const ERROR_KINDS = [
  'throttle',
  'error500',
  'unavailable',
  'timeout',
  'model-error',
  'midstream',
  'context-too-long',
  'content-filtered',
];

function amount(name: string, argument: string | undefined): number {
  const value = Number(argument);
  if (argument === undefined || argument === '' || !Number.isFinite(value) || value < 0) {
    throw EmulatorError.validation(`Emulator fault ${name} needs a non-negative number, as in ${name}:100.`);
  }
  return value;
}

export function parseFaultList(list: string): ParsedFaults {
  const faults: FaultSpec = {};
  let throttleCount: number | undefined;
  let slowMs = 0;
  for (const part of list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = part.indexOf(':');
    const name = separator < 0 ? part : part.slice(0, separator);
    const argument = separator < 0 ? undefined : part.slice(separator + 1);
    switch (name) {
      case 'latency':
        faults.latencyMs = amount(name, argument);
        break;
      case 'slow':
        slowMs = amount(name, argument);
        faults.kind = 'slow-first-byte';
        break;
      case 'tps':
        faults.tokensPerSecond = amount(name, argument);
        break;
      case 'stall':
        faults.stallMs = amount(name, argument);
        break;
      case 'nonce':
        break;
      case 'throttle':
        faults.kind = name;
        if (argument !== undefined) throttleCount = Math.floor(amount(name, argument));
        break;
      default:
        if (!ERROR_KINDS.includes(name)) {
          throw EmulatorError.validation(
            `Unknown emulator fault '${name}'. Known: throttle[:N], error500, unavailable, timeout, model-error, midstream, context-too-long, content-filtered, slow:MS, stall:MS, latency:MS, tps:N, nonce:X.`,
          );
        }
        faults.kind = name;
    }
  }
  // slow:MS delays the first byte (the JSON body or the first stream event) on top of any latency.
  if (faults.kind === 'slow-first-byte') faults.latencyMs = (faults.latencyMs ?? 0) + slowMs;
  return { faults, throttleCount };
}

/**
 * `withFaults('anthropic.claude-…:0', 'throttle:2')` → `anthropic.claude-…:0~throttle:2`: an id that
 * makes the emulator inject the faults. Only the emulator reads the suffix; a gateway in front of it
 * sends such an id untouched (as a deployment's `model_id`), like any other id it does not know.
 */
export function withFaults(identifier: string, faultList: string): string {
  return `${identifier}~${faultList}`;
}

/** Splits `anthropic.claude-…:0~throttle,latency:20` into the model id and the fault list. */
export function splitModelIdFaults(modelId: string): { modelId: string; faultList?: string } {
  const marker = modelId.indexOf('~');
  return marker < 0
    ? { modelId }
    : { modelId: modelId.slice(0, marker), faultList: modelId.slice(marker + 1) };
}

export class ThrottleCounters {
  private readonly counts = new Map<string, number>();

  /** True while fewer than `limit` requests with this key have been throttled. */
  shouldThrottle(key: string, limit: number): boolean {
    const seen = this.counts.get(key) ?? 0;
    if (seen >= limit) return false;
    this.counts.set(key, seen + 1);
    return true;
  }
}

/**
 * The faults of one request: the model-id suffix, then the header on top, then the latency header.
 * `throttle:N` is decided here, counted per exact model-id string (suffix included) or header value.
 */
export function resolveRequestFaults(
  rawModelId: string | undefined,
  faultHeader: string | undefined,
  latencyHeader: string | undefined,
  counters: ThrottleCounters,
): { faults: FaultSpec; modelId?: string } {
  const split = rawModelId === undefined ? undefined : splitModelIdFaults(rawModelId);
  const fromSuffix = split?.faultList !== undefined ? parseFaultList(split.faultList) : { faults: {} };
  const fromHeader = faultHeader ? parseFaultList(faultHeader) : { faults: {} };
  const faults: FaultSpec = { ...fromSuffix.faults };
  for (const [key, value] of Object.entries(fromHeader.faults))
    if (value !== undefined) Object.assign(faults, { [key]: value });
  const throttleSource = fromHeader.faults.kind !== undefined ? fromHeader : fromSuffix;
  if (faults.kind === 'throttle' && throttleSource.throttleCount !== undefined) {
    const key = `${rawModelId ?? ''}|${faultHeader ?? ''}`;
    if (!counters.shouldThrottle(key, throttleSource.throttleCount)) faults.kind = undefined;
  }
  if (latencyHeader !== undefined)
    faults.latencyMs = (faults.latencyMs ?? 0) + amount('x-emulator-latency-ms', latencyHeader);
  return { faults, modelId: split?.modelId };
}
