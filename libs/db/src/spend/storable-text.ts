// Postgres text and jsonb cannot hold U+0000, and a single NUL in a batch refuses the whole INSERT.
// Values a client chose (model names, end-user ids) are made storable before they reach a query; the
// character is shown as the visible escape `\u0000` so the stored value still says what was sent.

// An unpaired UTF-16 surrogate (JSON's "\ud800") becomes U+FFFD, as the driver encodes it in text
// columns anyway; jsonb (spend rows travel as jsonb, and the dead-letter copy of a row) would refuse it.
// String.prototype.isWellFormed / toWellFormed (ES2024, in Node 20): not in TypeScript's ES2023 lib.
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

export function storableText(value: string): string {
  const withoutNul = value.includes('\u0000') ? value.replaceAll('\u0000', '\\u0000') : value;
  // Checked first: a scan without a regular expression or a copy, for the strings (nearly all) that pass.
  const text = withoutNul as unknown as WellFormedString;
  return text.isWellFormed() ? withoutNul : text.toWellFormed();
}

export function storableOptionalText(value: string | undefined): string | null {
  return value === undefined ? null : storableText(value);
}

/** A JSON copy of a flat record (a spend row) whose string values Postgres can store as jsonb. */
export function storableJson(record: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    copy[key] =
      typeof value === 'string'
        ? storableText(value)
        : value instanceof Date
          ? Number.isNaN(value.getTime())
            ? 'Invalid Date'
            : value.toISOString()
          : typeof value === 'number' && !Number.isFinite(value)
            ? String(value)
            : value;
  }
  return copy;
}
