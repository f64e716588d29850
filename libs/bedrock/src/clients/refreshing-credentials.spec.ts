import type { AwsCredentialIdentity } from '@smithy/types';
import { refreshingCredentials } from './refreshing-credentials';

const HOUR = 3600_000;

/** A fetch that counts its calls and hands out credentials valid for an hour, resolved when told. */
function stsStandIn() {
  let calls = 0;
  const waiting: Array<(credentials: AwsCredentialIdentity) => void> = [];
  return {
    get calls() {
      return calls;
    },
    fetch: () => {
      calls++;
      return new Promise<AwsCredentialIdentity>((resolve) => waiting.push(resolve));
    },
    answer() {
      const resolve = waiting.shift()!;
      resolve({ accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + HOUR) });
    },
  };
}

describe('refreshingCredentials', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('fetches once for any number of concurrent callers, then serves from memory', async () => {
    const sts = stsStandIn();
    const provider = refreshingCredentials(sts.fetch);
    const callers = Array.from({ length: 50 }, () => provider());
    sts.answer();
    const answers = await Promise.all(callers);
    expect(new Set(answers.map((credentials) => credentials.accessKeyId))).toEqual(new Set(['ASIA1']));
    await provider();
    expect(sts.calls).toBe(1);
  });

  it('refreshes in the background ahead of expiry, and makes callers wait only once they are about to expire', async () => {
    const sts = stsStandIn();
    const provider = refreshingCredentials(sts.fetch);
    const first = provider();
    sts.answer();
    await first;
    jest.setSystemTime(Date.now() + HOUR - 4 * 60_000);
    // Inside the refresh window: the current credentials answer at once, one refresh goes out.
    await expect(Promise.all([provider(), provider(), provider()])).resolves.toEqual(
      Array(3).fill(expect.objectContaining({ accessKeyId: 'ASIA1' })),
    );
    expect(sts.calls).toBe(2);
    sts.answer();
    await new Promise(setImmediate);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIA2' });
    // Past the new ones' expiry: callers wait for one fetch.
    jest.setSystemTime(Date.now() + HOUR);
    const waiting = [provider(), provider()];
    expect(sts.calls).toBe(3);
    sts.answer();
    await expect(Promise.all(waiting)).resolves.toEqual(
      Array(2).fill(expect.objectContaining({ accessKeyId: 'ASIA3' })),
    );
  });

  it('keeps static credentials (no expiration) for good', async () => {
    const provider = refreshingCredentials(async () => ({ accessKeyId: 'AKIA', secretAccessKey: 's' }));
    await provider();
    jest.setSystemTime(Date.now() + 100 * HOUR);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'AKIA' });
  });
});
