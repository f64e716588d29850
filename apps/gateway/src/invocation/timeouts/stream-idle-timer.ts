// stream_timeout: a signal that fires when a stream stays silent too long — before its first chunk or
// between two. touch() on every chunk restarts the wait. Its signal is a parent of the call's deadline,
// so firing aborts the upstream call like any deadline. A call without a stream_timeout makes none.
import { streamWentSilent } from './timeout-errors';

export class StreamIdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs: number) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Something arrived: the silence starts over (an arrow: handed to the relay as its frame hook). */
  readonly touch = (): void => {
    if (this.controller.signal.aborted) return;
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.controller.abort(streamWentSilent(this.idleMs)), this.idleMs);
      this.timer.unref();
    }
  };

  dispose(): void {
    clearTimeout(this.timer);
  }
}
