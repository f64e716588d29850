// LiteLLM's `usage-based-routing` (and its v2): the deployment with the most headroom this minute goes
// first — the smallest share used of its `rpm` or `tpm` (whichever is fuller), then the fewest tokens,
// then the fewest requests (a burst is spread before its tokens are known). Deployments without limits
// compare by tokens and requests alone. Minutes are the limits step's windows
// (limits/counters), and a deployment over its rpm/tpm is still passed over there, against the shared
// counters; this ranking counts what this instance sent, because reading those counters (in Redis with
// REDIS_URL) would put a network round trip into every choice.
import { WINDOW_MS } from '../limits/counters/limit-counters';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { RoutingEvent } from './deployment-router';
import { scratchFor, shuffleRange, sortRangeByScore, TieredRouter } from './tiered-router';

interface MinuteUsage {
  window: number;
  requests: number;
  tokens: number;
}

/** A share used outranks any token count, which outranks any request count (in one minute). */
const TOKEN_SCALE = 1e-12;
const REQUEST_SCALE = 1e-15;

export class UsageRouter extends TieredRouter {
  private readonly usage = new Map<string, MinuteUsage>();
  private scores: Float64Array = new Float64Array(16);

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  /** What `deployment` took from this instance in the current minute. */
  usageOf(deployment: ResolvedDeployment): { requests: number; tokens: number } {
    const usage = this.usage.get(deployment.deployment.id);
    const window = Math.floor(this.now() / WINDOW_MS);
    return usage && usage.window === window ? usage : { requests: 0, tokens: 0 };
  }

  protected rank(list: ResolvedDeployment[], start: number, end: number): void {
    shuffleRange(list, start, end);
    const scores = (this.scores = scratchFor(this.scores, end));
    const window = Math.floor(this.now() / WINDOW_MS);
    for (let index = start; index < end; index++) {
      const deployment = list[index];
      const usage = this.usage.get(deployment.deployment.id);
      if (!usage || usage.window !== window) scores[index] = 0;
      else {
        const share = Math.max(
          deployment.rpm ? usage.requests / deployment.rpm : 0,
          deployment.tpm ? usage.tokens / deployment.tpm : 0,
        );
        scores[index] = share + usage.tokens * TOKEN_SCALE + usage.requests * REQUEST_SCALE;
      }
    }
    sortRangeByScore(list, scores, start, end);
  }

  observe(deployment: ResolvedDeployment, event: RoutingEvent): void {
    if (event.kind !== 'start' && event.kind !== 'done') return;
    const window = Math.floor(this.now() / WINDOW_MS);
    let usage = this.usage.get(deployment.deployment.id);
    if (!usage) {
      usage = { window, requests: 0, tokens: 0 };
      this.usage.set(deployment.deployment.id, usage);
    } else if (usage.window !== window) {
      usage.window = window;
      usage.requests = 0;
      usage.tokens = 0;
    }
    if (event.kind === 'start') usage.requests++;
    else usage.tokens += event.tokens;
  }
}
