// What changed, as sent between gateway instances. Receivers drop every cached entry the event touches.
export interface InvalidationEvent {
  keys?: string[];
  teams?: string[];
  users?: string[];
  /** End users changed (budget, block): pairId(team id or '', end user id). */
  endUsers?: string[];
  /** Model deployments changed: reload the model registry. */
  models?: boolean;
  /** Everything may be stale (e.g. after a reconnect, when messages may have been missed). */
  all?: boolean;
}

export const INVALIDATION_CHANNEL = 'quarry_invalidate';

/** Postgres NOTIFY payloads must stay under 8000 bytes; a larger event degrades to "all". */
const MAX_PAYLOAD_BYTES = 7000;

export interface InvalidationMessage {
  origin: string;
  event: InvalidationEvent;
}

export function encodeInvalidation(origin: string, event: InvalidationEvent): string {
  const payload = JSON.stringify({ origin, event } satisfies InvalidationMessage);
  return Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES
    ? payload
    : JSON.stringify({ origin, event: { all: true } });
}

/** Lenient: a malformed message is treated as "everything changed" rather than ignored. */
export function decodeInvalidation(payload: string): InvalidationMessage {
  try {
    const parsed = JSON.parse(payload) as Partial<InvalidationMessage>;
    if (typeof parsed.origin === 'string' && parsed.event && typeof parsed.event === 'object') {
      const event = parsed.event;
      return {
        origin: parsed.origin,
        event: {
          keys: stringList(event.keys),
          teams: stringList(event.teams),
          users: stringList(event.users),
          endUsers: stringList(event.endUsers),
          models: event.models === true,
          all: event.all === true,
        },
      };
    }
  } catch {
    // fall through
  }
  return { origin: '', event: { all: true } };
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
