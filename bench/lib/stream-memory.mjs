// Memory under many open streams: rounds of N concurrent streaming chat requests against an emulator
// that paces its tokens (so every stream stays open for a while), sampling the gateway's resident memory
// throughout. "Flat" means the memory after the last round is close to the memory after the second
// (the first one only warms up): nothing per stream is left behind.
import { Agent, request as httpRequest } from 'node:http';
import { setInterval as every } from 'node:timers/promises';
import { memoryOf } from './child-processes.mjs';
import { round } from './stats.mjs';

const SAMPLE_EVERY_MS = 50;
const TIMEOUT_MS = 60_000;

/** One streamed request; resolves true when it ended with `data: [DONE]`. */
function streamOnce(request, agent) {
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      request.url,
      { method: 'POST', headers: request.headers, agent },
      (response) => {
        let tailText = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (tailText = (tailText + chunk).slice(-64)));
        response.on('end', () => resolve(response.statusCode === 200 && tailText.includes('[DONE]')));
        response.on('error', () => resolve(false));
      },
    );
    outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => resolve(false));
    outgoing.end(request.body);
  });
}

/**
 * @returns {Promise<{ streams: number, rounds: object[], errors: number, rss_growth_mb: number }>}
 */
export async function measureStreamMemory(target, request, { streams, rounds }) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const before = memoryOf(target.handle).rssMb;
  const results = [];
  let errors = 0;
  try {
    for (let index = 0; index < rounds; index++) {
      let peak = 0;
      const sampling = new AbortController();
      const sampler = (async () => {
        try {
          for await (const _tick of every(SAMPLE_EVERY_MS, undefined, { signal: sampling.signal })) {
            peak = Math.max(peak, memoryOf(target.handle).rssMb);
          }
        } catch {
          // aborted: the round is over
        }
      })();
      const startedAt = Date.now();
      const outcomes = await Promise.all(Array.from({ length: streams }, () => streamOnce(request, agent)));
      sampling.abort();
      await sampler;
      const failed = outcomes.filter((ok) => !ok).length;
      errors += failed;
      const after = memoryOf(target.handle).rssMb;
      results.push({
        round: index + 1,
        seconds: round((Date.now() - startedAt) / 1000, 2),
        peak_rss_mb: round(Math.max(peak, after), 1),
        rss_after_mb: round(after, 1),
        errors: failed,
      });
    }
  } finally {
    agent.destroy();
  }
  // The first round warms connection pools and JIT and lets V8 size its heap (RSS climbs to a plateau,
  // then stays); growth from the second round on is what a per-stream leak would show.
  const baseline = results.length >= 3 ? results[1] : results[0];
  return {
    streams,
    rss_before_mb: round(before, 1),
    rounds: results,
    errors,
    rss_growth_from_round: baseline.round,
    rss_growth_mb: round(results.at(-1).rss_after_mb - baseline.rss_after_mb, 1),
  };
}
