import type { EmulatorContext, FaultSpec } from '../http/types';
import { serviceFaultError } from './fault-errors';
import { resolveIdentifierFaults } from './request-faults';

function context(faults: FaultSpec = {}, state = new Map<string, unknown>()): EmulatorContext {
  return { faults, state, options: {} as EmulatorContext['options'] };
}

describe('resolveIdentifierFaults', () => {
  it('returns the id unchanged with the header faults when there is no suffix', () => {
    expect(resolveIdentifierFaults('AGENT12345', context({ kind: 'error500' }))).toEqual({
      baseId: 'AGENT12345',
      faults: { kind: 'error500' },
    });
  });

  it('parses several suffix faults and ignores nonces', () => {
    expect(resolveIdentifierFaults('AGENT12345~midstream,latency:20,nonce:abc', context())).toEqual({
      baseId: 'AGENT12345',
      faults: { kind: 'midstream', latencyMs: 20 },
    });
  });

  it('throttles only the first N requests of an exact identifier for throttle:N', () => {
    const state = new Map<string, unknown>();
    const kinds = [1, 2, 3].map(
      () => resolveIdentifierFaults('X~throttle:2', context({}, state)).faults.kind,
    );
    expect(kinds).toEqual(['throttle', 'throttle', undefined]);
    expect(resolveIdentifierFaults('X~throttle:2,nonce:other', context({}, state)).faults.kind).toBe(
      'throttle',
    );
  });

  it('lets the header fault win over the suffix', () => {
    expect(resolveIdentifierFaults('X~throttle', context({ kind: 'error500' })).faults.kind).toBe('error500');
  });

  it('rejects an unknown fault name', () => {
    expect(() => resolveIdentifierFaults('X~explode', context())).toThrow(/Unknown emulator fault 'explode'/);
  });
});

describe('serviceFaultError', () => {
  it('maps fault kinds to AWS errors, model-error to a failed dependency', () => {
    expect(serviceFaultError('throttle')).toMatchObject({ status: 429, errorType: 'ThrottlingException' });
    expect(serviceFaultError('unavailable')).toMatchObject({ status: 503 });
    expect(serviceFaultError('model-error')).toMatchObject({
      status: 424,
      errorType: 'DependencyFailedException',
    });
    expect(serviceFaultError('midstream')).toBeUndefined();
    expect(serviceFaultError(undefined)).toBeUndefined();
  });
});
