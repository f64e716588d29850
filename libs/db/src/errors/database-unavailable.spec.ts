import { isDatabaseUnavailable, isRetryableDatabaseError } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises a driver adapter that cannot reach the server', () => {
    const error = Object.assign(new Error('Raw query failed'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 } } },
    });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises Prisma connection codes, pg socket errors and Postgres shutting down', () => {
    expect(isDatabaseUnavailable({ name: 'PrismaClientKnownRequestError', code: 'P1001' })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable({ meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } } }),
    ).toBe(true);
  });

  it('does not take a refused query for an outage', () => {
    const badBytes = {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '22021' } } },
    };
    expect(isDatabaseUnavailable(badBytes)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('takes a lost race (deadlock, serialization) as worth a retry, bad bytes not', () => {
    const deadlock = {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '40P01' } } },
    };
    const badBytes = {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '22021' } } },
    };
    expect(isRetryableDatabaseError(deadlock)).toBe(true);
    expect(isRetryableDatabaseError({ code: 'P1001' })).toBe(true);
    expect(isRetryableDatabaseError(badBytes)).toBe(false);
  });
});
