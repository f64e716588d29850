// Work that must be finished after the last request has ended and before connections close (spend rows
// held in memory, for one). Each service registers its own drain, so the shutdown sequence knows no
// feature by name.
import { Injectable } from '@nestjs/common';

export type Drain = () => Promise<void>;

@Injectable()
export class ShutdownDrains {
  private readonly drains: Drain[] = [];

  register(drain: Drain): void {
    this.drains.push(drain);
  }

  /** Runs every drain; one that fails does not keep the others from running. */
  async drainAll(): Promise<void> {
    await Promise.allSettled(this.drains.map((drain) => drain()));
  }
}
