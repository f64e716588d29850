// The abort signal of one Bedrock call: fires on the request timeout or when any parent signal fires
// (client gone, shutdown). Built by hand rather than with AbortSignal.timeout/any because, on Node 20,
// AbortSignal.timeout keeps ~2 KB alive until its timer fires (ten minutes at the default timeout, so
// gigabytes at a few hundred requests a second), and AbortSignal.any leaks every composite into a
// long-lived parent such as the shutdown signal. dispose() clears the timer and the listeners.

export class CallDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly parents: AbortSignal[];
  private readonly onParentAbort = (event: Event) =>
    this.controller.abort((event.target as AbortSignal | null)?.reason);

  /** `timeoutReason`: the abort reason when the time is up (the pipeline's names the limit reached). */
  constructor(
    timeoutMs: number,
    parents: AbortSignal[] = [],
    timeoutReason: () => unknown = () =>
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
  ) {
    this.parents = parents;
    this.timer = setTimeout(() => this.controller.abort(timeoutReason()), timeoutMs);
    this.timer.unref();
    for (const parent of parents) {
      if (parent.aborted) this.controller.abort(parent.reason);
      else parent.addEventListener('abort', this.onParentAbort, { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts the call now (the client hung up): what the deadline's signal says happened. */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  /** Call when the call is over, however it ended. */
  dispose(): void {
    clearTimeout(this.timer);
    for (const parent of this.parents) parent.removeEventListener('abort', this.onParentAbort);
  }
}
