// start_date / end_date as the spend reports read them: a calendar date (YYYY-MM-DD, a whole UTC day) or
// an ISO 8601 date-time (UTC unless it carries an offset). Anything else, an impossible date (2026-02-30)
// or an end before the start is a 400 naming the parameter, never a database error.
import { OpenAIError } from '@quarry/openai';
import type { DayRange, TimeRange } from '@quarry/db';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const DAY_MS = 86_400_000;
/** Longest /global/spend/report range: a year and a day, so a leap year fits. */
export const MAX_REPORT_DAYS = 366;
/** Range of /global/spend/report when none is given: the last 30 days, today included. */
const DEFAULT_REPORT_DAYS = 30;

type DateParam = 'start_date' | 'end_date';

interface ParsedDate {
  /** The instant the value names (a date: its first millisecond, UTC). */
  instant: Date;
  isDateOnly: boolean;
}

function parseDate(value: string, param: DateParam): ParsedDate {
  const isDateOnly = DATE.test(value);
  const calendar = DATE.exec(value) ?? DATE_TIME.exec(value);
  const instant = new Date(isDateOnly ? `${value}T00:00:00Z` : withZone(value));
  if (!calendar || Number.isNaN(instant.getTime()) || !isRealDate(calendar))
    throw OpenAIError.badRequest(
      `${param} must be a date (YYYY-MM-DD) or an ISO 8601 date-time`,
      param,
      'invalid_field',
    );
  return { instant, isDateOnly };
}

function withZone(value: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
}

/** Date.UTC rolls 2026-02-30 over to March: a date that changes on the way through did not exist. */
function isRealDate([, year, month, day]: RegExpExecArray): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

function assertOrdered(from: Date, to: Date): void {
  if (to.getTime() < from.getTime())
    throw OpenAIError.badRequest('end_date must not be before start_date', 'end_date', 'invalid_field');
}

/** For /spend/logs: [from, to) instants; an end date covers its whole day. No range when none is given. */
export function timeRangeOf(startDate: string | undefined, endDate: string | undefined): TimeRange {
  const start = startDate === undefined ? undefined : parseDate(startDate, 'start_date');
  const end = endDate === undefined ? undefined : parseDate(endDate, 'end_date');
  const to = end && new Date(end.instant.getTime() + (end.isDateOnly ? DAY_MS : 1));
  if (start && end) assertOrdered(start.instant, end.instant);
  return { from: start?.instant, to };
}

/** For the daily roll-up: whole UTC days, inclusive; the last 30 days when not given; at most 366 days. */
export function dayRangeOf(startDate: string | undefined, endDate: string | undefined, now: Date): DayRange {
  const end = endDate === undefined ? startOfDay(now) : startOfDay(parseDate(endDate, 'end_date').instant);
  const start =
    startDate === undefined
      ? new Date(end.getTime() - (DEFAULT_REPORT_DAYS - 1) * DAY_MS)
      : startOfDay(parseDate(startDate, 'start_date').instant);
  assertOrdered(start, end);
  if ((end.getTime() - start.getTime()) / DAY_MS + 1 > MAX_REPORT_DAYS)
    throw OpenAIError.badRequest(
      `The range from start_date to end_date spans more than ${MAX_REPORT_DAYS} days; ask for a shorter one`,
      'start_date',
      'invalid_field',
    );
  return { from: isoDay(start), to: isoDay(end) };
}

function startOfDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
