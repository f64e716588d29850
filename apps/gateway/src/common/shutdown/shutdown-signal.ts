import { Injectable } from '@nestjs/common';

/**
 * Aborted when the shutdown grace period runs out: long-running work (open streams) joins it into its
 * own abort signal, so a stream a client stopped reading cannot hold the process open forever.
 */
@Injectable()
export class ShutdownSignal {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    this.controller.abort(new Error('gateway shutting down'));
  }
}
