// LiteLLM's durations: "30s", "30m", "12h", "30d", also "2w" and "1mo" (30 days).
const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
};

export const DURATION_PATTERN = /^(\d+)(s|m|h|d|w|mo)$/;
export const DURATION_HINT = 'a duration like "30s", "30m", "12h", "30d", "2w" or "1mo"';

export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isSafeInteger(milliseconds) && milliseconds > 0 ? milliseconds : undefined;
}
