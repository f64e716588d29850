import { OpenAIError } from '@quarry/openai';
import { dayRangeOf, timeRangeOf } from './report-dates';

function paramOf(work: () => unknown): string | null | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof OpenAIError) return error.param;
    throw error;
  }
  return undefined;
}

describe('timeRangeOf (/spend/logs)', () => {
  it('takes a date as its whole UTC day, the end date included', () => {
    expect(timeRangeOf('2026-03-01', '2026-03-02')).toEqual({
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-03T00:00:00Z'),
    });
  });

  it('takes a date-time as the instant it names, UTC unless it carries an offset', () => {
    expect(timeRangeOf('2026-03-01T09:30', '2026-03-01T12:00:00+02:00')).toEqual({
      from: new Date('2026-03-01T09:30:00Z'),
      to: new Date('2026-03-01T10:00:00.001Z'),
    });
  });

  it('has no bounds when none are given', () => {
    expect(timeRangeOf(undefined, undefined)).toEqual({ from: undefined, to: undefined });
  });

  it.each([
    ['2026-02-29', undefined, 'start_date'], // 2026 is not a leap year
    ['2026-3-1', undefined, 'start_date'],
    ['1709251200', undefined, 'start_date'],
    [undefined, '2026-03-01T24:30:00Z', 'end_date'],
    ['2026-03-02', '2026-03-01', 'end_date'],
  ])('refuses %s … %s naming %s', (start, end, param) => {
    expect(paramOf(() => timeRangeOf(start, end))).toBe(param);
  });
});

describe('dayRangeOf (/global/spend/report)', () => {
  const now = new Date('2026-03-31T23:59:00Z');

  it('defaults to the last 30 days, today included', () => {
    expect(dayRangeOf(undefined, undefined, now)).toEqual({ from: '2026-03-02', to: '2026-03-31' });
  });

  it('counts a date-time as its UTC day', () => {
    expect(dayRangeOf('2026-03-01T23:00:00-02:00', '2026-03-05', now)).toEqual({
      from: '2026-03-02',
      to: '2026-03-05',
    });
  });

  it('allows 366 days (a leap year) and refuses 367', () => {
    expect(dayRangeOf('2024-01-01', '2024-12-31', now)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(paramOf(() => dayRangeOf('2024-01-01', '2025-01-01', now))).toBe('start_date');
  });
});
