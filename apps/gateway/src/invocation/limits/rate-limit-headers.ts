// OpenAI's rate-limit headers, from the tightest request and token counters the call took from
// (the one with the least left). Only calls with a limit carry them.
import type { CounterReading } from './counters/limit-counters';

export function rateLimitHeaders(readings: readonly CounterReading[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const requests = tightest(readings, 'requests');
  if (requests) {
    headers['x-ratelimit-limit-requests'] = String(requests.check.limit);
    headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
    headers['x-ratelimit-reset-requests'] = seconds(requests.resetMs);
  }
  const tokens = tightest(readings, 'tokens');
  if (tokens) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.check.limit);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
    headers['x-ratelimit-reset-tokens'] = seconds(tokens.resetMs);
  }
  return headers;
}

/** OpenAI writes these as durations ("1s", "6m0s"); whole seconds, rounded up, read the same. */
export function seconds(milliseconds: number): string {
  return `${Math.max(1, Math.ceil(milliseconds / 1000))}s`;
}

function tightest(readings: readonly CounterReading[], kind: 'requests' | 'tokens') {
  let found: CounterReading | undefined;
  for (const reading of readings)
    if (reading.check.kind === kind && (!found || reading.remaining < found.remaining)) found = reading;
  return found;
}
