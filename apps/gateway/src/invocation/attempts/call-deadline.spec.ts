import { getEventListeners } from 'node:events';
import { CallDeadline } from './call-deadline';

describe('CallDeadline', () => {
  it('aborts with a TimeoutError when the time is up', async () => {
    const deadline = new CallDeadline(10);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve));
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
    deadline.dispose();
  });

  it('aborts with the parent reason when a parent fires, and not after dispose', () => {
    const client = new AbortController();
    const shutdown = new AbortController();
    const first = new CallDeadline(60_000, [client.signal, shutdown.signal]);
    client.abort(new Error('client gone'));
    expect(first.signal.reason).toEqual(new Error('client gone'));
    first.dispose();

    const second = new CallDeadline(60_000, [shutdown.signal]);
    second.dispose();
    shutdown.abort();
    expect(second.signal.aborted).toBe(false);
  });

  it('starts aborted when a parent already is', () => {
    const gone = new AbortController();
    gone.abort(new Error('already gone'));
    const deadline = new CallDeadline(60_000, [gone.signal]);
    expect(deadline.signal.aborted).toBe(true);
    deadline.dispose();
  });

  it('leaves no listener on a long-lived parent once disposed', () => {
    const shutdown = new AbortController();
    for (let index = 0; index < 1_000; index++) new CallDeadline(600_000, [shutdown.signal]).dispose();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
