import { Injectable } from '@nestjs/common';
import { setMaxListeners } from 'node:events';

/**
 * Aborted when the shutdown grace period runs out: long-running work (open streams) joins it into its
 * own abort signal, so a stream a client stopped reading cannot hold the process open forever.
 */
@Injectable()
export class ShutdownSignal {
  private readonly controller = new AbortController();

  constructor() {
    // Every call in flight listens here (and stops listening when it ends): thousands at once is normal.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    this.controller.abort(new Error('gateway shutting down'));
  }
}
