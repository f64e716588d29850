import { EmulatorError } from './emulator-error';
import {
  parseFaultList,
  resolveRequestFaults,
  splitModelIdFaults,
  ThrottleCounters,
  withFaults,
} from './fault-parser';

describe('fault syntax', () => {
  it('splits the suffix off a model id, ARN or not', () => {
    expect(splitModelIdFaults('anthropic.claude-3-haiku-20240307-v1:0~throttle,latency:5')).toEqual({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      faultList: 'throttle,latency:5',
    });
    expect(splitModelIdFaults('arn:aws:bedrock:us-east-1::foundation-model/x')).toEqual({
      modelId: 'arn:aws:bedrock:us-east-1::foundation-model/x',
    });
  });

  it('builds the suffixed id it splits', () => {
    const id = withFaults('anthropic.claude-3-haiku-20240307-v1:0', 'throttle:2,nonce:x');
    expect(id).toBe('anthropic.claude-3-haiku-20240307-v1:0~throttle:2,nonce:x');
    expect(splitModelIdFaults(id)).toEqual({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      faultList: 'throttle:2,nonce:x',
    });
  });

  it('parses every fault word', () => {
    expect(parseFaultList('latency:20,tps:50,nonce:abc,midstream').faults).toEqual({
      latencyMs: 20,
      tokensPerSecond: 50,
      kind: 'midstream',
    });
    expect(parseFaultList('slow:300,latency:20').faults).toEqual({ kind: 'slow-first-byte', latencyMs: 320 });
    expect(parseFaultList('throttle:2')).toEqual({ faults: { kind: 'throttle' }, throttleCount: 2 });
    expect(parseFaultList('stall:60000').faults).toEqual({ stallMs: 60000 });
    expect(parseFaultList('context-too-long').faults).toEqual({ kind: 'context-too-long' });
    expect(parseFaultList('content-filtered').faults).toEqual({ kind: 'content-filtered' });
  });

  it('rejects unknown words and missing numbers with a ValidationException naming them', () => {
    expect(() => parseFaultList('boom')).toThrow(
      expect.objectContaining({
        errorType: 'ValidationException',
        message: expect.stringContaining("'boom'"),
      }),
    );
    expect(() => parseFaultList('latency')).toThrow(EmulatorError);
    expect(() => parseFaultList('tps:-1')).toThrow(/tps needs a non-negative number/);
  });
});

describe('resolveRequestFaults', () => {
  it('throttles only the first N requests of the exact model-id string', () => {
    const counters = new ThrottleCounters();
    const kinds = [1, 2, 3].map(
      () => resolveRequestFaults('model~throttle:2', undefined, undefined, counters).faults.kind,
    );
    expect(kinds).toEqual(['throttle', 'throttle', undefined]);
    expect(resolveRequestFaults('model~throttle:2,nonce:x', undefined, undefined, counters).faults.kind).toBe(
      'throttle',
    );
  });

  it('lets the header override the suffix and adds the latency header', () => {
    const resolved = resolveRequestFaults(
      'model~error500,latency:10',
      'timeout',
      '5',
      new ThrottleCounters(),
    );
    expect(resolved).toEqual({ modelId: 'model', faults: { kind: 'timeout', latencyMs: 15 } });
  });
});
