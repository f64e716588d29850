// The latencies last measured on one deployment, for one kind of call: a ring of the last ten, each
// with when it was measured, averaged over those younger than the ttl (LiteLLM keeps ten as well).
// Fixed-size typed arrays: recording and averaging allocate nothing.
export const SAMPLES_KEPT = 10;

export class LatencySamples {
  private readonly latencies = new Float64Array(SAMPLES_KEPT);
  private readonly takenAt = new Float64Array(SAMPLES_KEPT);
  private count = 0;
  private next = 0;

  record(latencyMs: number, now: number): void {
    this.latencies[this.next] = latencyMs;
    this.takenAt[this.next] = now;
    this.next = (this.next + 1) % SAMPLES_KEPT;
    if (this.count < SAMPLES_KEPT) this.count++;
  }

  /** The mean of the samples taken after `now - ttlMs`, or undefined when there are none. */
  average(now: number, ttlMs: number): number | undefined {
    let sum = 0;
    let live = 0;
    for (let index = 0; index < this.count; index++) {
      if (now - this.takenAt[index] > ttlMs) continue;
      sum += this.latencies[index];
      live++;
    }
    return live === 0 ? undefined : sum / live;
  }
}
