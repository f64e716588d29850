// Dates in management responses. A stored date the database or the driver cannot represent as a valid
// JavaScript date (written before durations were bounded, or by hand) must not turn every listing that
// includes it into a 500: it is shown as null, and the rest of the object stays readable.
export function isoDateOrNull(date: Date | null | undefined): string | null {
  return date instanceof Date && Number.isFinite(date.getTime()) ? date.toISOString() : null;
}
