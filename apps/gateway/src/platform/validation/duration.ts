// LiteLLM's durations: "30s", "30m", "12h", "30d", also "2w" and "1mo" (30 days). Quarry accepts them from
// one second to ten years: a longer one is a typo (or a probe) whose date the database and the responses
// could not hold, and "0s" would make a key expire as it is made.
const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
};

export const DURATION_PATTERN = /^(\d{1,12})(s|m|h|d|w|mo)$/;
export const MIN_DURATION_MS = 1_000;
export const MAX_DURATION_MS = 3650 * 86_400_000;
export const DURATION_HINT =
  'a duration like "30s", "30m", "12h", "30d", "2w" or "1mo", from 1s to 3650d (10 years)';

/** Milliseconds, or undefined when the text is not a duration within the allowed range. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * UNIT_MS[match[2]];
  return milliseconds >= MIN_DURATION_MS && milliseconds <= MAX_DURATION_MS ? milliseconds : undefined;
}
