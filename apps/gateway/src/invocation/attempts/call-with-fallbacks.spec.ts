import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { DeploymentRouter, type RoutingEvent } from '../routing/deployment-router';
import { callWithFallbacks, type AttemptOptions } from './call-with-fallbacks';

const throttled = (retryAfter?: string) =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    ...(retryAfter !== undefined ? { $response: { headers: { 'retry-after': retryAfter } } } : {}),
  });
const invalid = () => Object.assign(new Error('Malformed input'), { name: 'ValidationException' });

function deployment(id: string, numRetries: number): ResolvedDeployment {
  return { deployment: { id }, numRetries } as unknown as ResolvedDeployment;
}

class RecordingRouter extends DeploymentRouter {
  readonly outcomes: Array<[string, RoutingEvent['kind']]> = [];
  order(candidates: readonly ResolvedDeployment[]) {
    return candidates.slice();
  }
  observe(target: ResolvedDeployment, event: RoutingEvent) {
    if (event.kind !== 'start') this.outcomes.push([target.deployment.id, event.kind]);
    else this.starts++;
  }
  starts = 0;
}

/** Records every wait instead of sleeping; random() = 0.5 makes the backoff predictable. */
function recordedWaits(extra: AttemptOptions = {}): { waits: number[]; options: AttemptOptions } {
  const waits: number[] = [];
  return {
    waits,
    options: { random: () => 0.5, sleep: async (ms) => void waits.push(ms), ...extra },
  };
}

function run(
  ordered: ResolvedDeployment[],
  failing: (id: string, attempt: number) => Error | undefined,
  options: AttemptOptions,
  router = new RecordingRouter(),
) {
  const calls: string[] = [];
  const result = callWithFallbacks(
    ordered,
    router,
    new AbortController().signal,
    async (target) => {
      calls.push(target.deployment.id);
      const error = failing(target.deployment.id, calls.length);
      if (error) throw error;
      return 'answer';
    },
    options,
  );
  return { calls, result };
}

describe('callWithFallbacks', () => {
  it('moves a retry to the next deployment at once, telling the router each outcome', async () => {
    const router = new RecordingRouter();
    const { waits, options } = recordedWaits();
    const { calls, result } = run(
      [deployment('a', 1), deployment('b', 0)],
      (id) => (id === 'a' ? throttled() : undefined),
      options,
      router,
    );
    await expect(result).resolves.toMatchObject({ result: 'answer', retries: 1 });
    expect(calls).toEqual(['a', 'b']);
    expect(waits).toEqual([]);
    expect(router.outcomes).toEqual([
      ['a', 'failure'],
      ['b', 'success'],
    ]);
    expect(router.starts).toBe(2);
  });

  it('spends one retry budget across the deployments (num_retries of the first, or the request’s)', async () => {
    const always = () => throttled();
    const first = run(
      [deployment('a', 2), deployment('b', 9), deployment('c', 9)],
      always,
      recordedWaits().options,
    );
    await expect(first.result).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(first.calls).toEqual(['a', 'b', 'c']);
    const requested = run(
      [deployment('a', 2), deployment('b', 9)],
      always,
      recordedWaits({ retries: 4 }).options,
    );
    await expect(requested.result).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(requested.calls).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('skips deployments that are cooling down, and retries the same one with a jittered backoff', async () => {
    const { waits, options } = recordedWaits({ isAvailable: (target) => target.deployment.id !== 'b' });
    const { calls, result } = run(
      [deployment('a', 3), deployment('b', 3)],
      (_id, attempt) => (attempt < 4 ? throttled() : undefined),
      options,
    );
    await expect(result).resolves.toMatchObject({ retries: 3 });
    expect(calls).toEqual(['a', 'a', 'a', 'a']);
    // Full jitter at random() = 0.5: half of 100, 200, 400 ms.
    expect(waits).toEqual([50, 100, 200]);
  });

  it('waits what Bedrock’s Retry-After asks before retrying the same deployment, at least retry_after', async () => {
    const asked = recordedWaits();
    const honoured = run(
      [deployment('a', 1)],
      (_id, attempt) => (attempt === 1 ? throttled('3') : undefined),
      asked.options,
    );
    await honoured.result;
    expect(asked.waits).toEqual([3000]);

    const tooLong = recordedWaits({ minWaitMs: 700 });
    const capped = run(
      [deployment('a', 1)],
      (_id, attempt) => (attempt === 1 ? throttled('3600') : undefined),
      tooLong.options,
    );
    await capped.result;
    // An hour is not waited in-request: the backoff applies, raised to router_settings.retry_after.
    expect(tooLong.waits).toEqual([700]);
  });

  it('does not retry an error the client must fix', async () => {
    const { calls, result } = run(
      [deployment('a', 2), deployment('b', 2)],
      () => invalid(),
      recordedWaits().options,
    );
    await expect(result).rejects.toMatchObject({ name: 'ValidationException' });
    expect(calls).toEqual(['a']);
  });

  it('stops at once when the call is aborted, without trying the other deployments', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    await expect(
      callWithFallbacks(
        [deployment('a', 3), deployment('b', 3)],
        new RecordingRouter(),
        controller.signal,
        async (target) => {
          calls.push(target.deployment.id);
          controller.abort(new Error('client gone'));
          throw throttled();
        },
        recordedWaits().options,
      ),
    ).rejects.toThrow('client gone');
    expect(calls).toEqual(['a']);
  });

  it('fails with the last attempt’s error when the budget is spent', async () => {
    const { result } = run(
      [deployment('a', 1), deployment('b', 0)],
      (_id, attempt) => Object.assign(throttled(), { message: `throttled #${attempt}` }),
      recordedWaits().options,
    );
    await expect(result).rejects.toThrow('throttled #2');
  });
});
