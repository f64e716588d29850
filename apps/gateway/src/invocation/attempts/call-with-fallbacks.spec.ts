import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { DeploymentRouter, type RoutingEvent } from '../routing/deployment-router';
import { callWithFallbacks } from './call-with-fallbacks';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
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

const noWait = { sleep: async () => undefined, random: () => 0 };

describe('callWithFallbacks', () => {
  it('retries a throttled deployment, then falls back to the next one, telling the router each outcome', async () => {
    const router = new RecordingRouter();
    const calls: string[] = [];
    const attempted = await callWithFallbacks(
      [deployment('a', 1), deployment('b', 0)],
      router,
      new AbortController().signal,
      async (target) => {
        calls.push(target.deployment.id);
        if (target.deployment.id === 'a') throw throttled();
        return 'answer';
      },
      noWait,
    );
    expect(attempted.result).toBe('answer');
    expect(attempted.deployment.deployment.id).toBe('b');
    expect(calls).toEqual(['a', 'a', 'b']);
    expect(router.outcomes).toEqual([
      ['a', 'failure'],
      ['a', 'failure'],
      ['b', 'success'],
    ]);
    expect(router.starts).toBe(3);
  });

  it('does not fall back on an error the client must fix', async () => {
    const calls: string[] = [];
    await expect(
      callWithFallbacks(
        [deployment('a', 2), deployment('b', 2)],
        new RecordingRouter(),
        new AbortController().signal,
        async (target) => {
          calls.push(target.deployment.id);
          throw invalid();
        },
        noWait,
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
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
        noWait,
      ),
    ).rejects.toThrow();
    expect(calls).toEqual(['a']);
  });

  it('fails with the last deployment’s error when every deployment is exhausted', async () => {
    let attempt = 0;
    await expect(
      callWithFallbacks(
        [deployment('a', 0), deployment('b', 0)],
        new RecordingRouter(),
        new AbortController().signal,
        async () => {
          attempt++;
          throw Object.assign(throttled(), { message: `throttled #${attempt}` });
        },
        noWait,
      ),
    ).rejects.toThrow('throttled #2');
  });
});
