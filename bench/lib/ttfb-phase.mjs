// Time to first byte of streams, per emulator latency: samples alternate between targets request by
// request (direct, quarry, portkey, direct, …) so that they see the same machine conditions.
import { isStreamKind } from './chat-requests.mjs';
import { keptAliveAgent, timeOneStream } from './time-to-first-byte.mjs';
import { Samples } from './stats.mjs';

/** The streamed request kinds to time: those being benchmarked, or small-stream when none is. */
export function ttfbKinds(requestKinds) {
  const streamed = requestKinds.filter(isStreamKind);
  return streamed.length > 0 ? streamed : ['small-stream'];
}

export async function runTtfbPhase(targets, plan, log) {
  const results = [];
  for (const latencyMs of plan.latenciesMs) {
    for (const kind of ttfbKinds(plan.requests)) {
      const agents = new Map(targets.map((target) => [target.name, keptAliveAgent()]));
      const samples = new Map(
        targets.map((target) => [target.name, { firstByte: new Samples(), headers: new Samples() }]),
      );
      try {
        // A few unmeasured requests open the kept-alive connections first.
        for (let index = -3; index < plan.ttfbSamples; index++) {
          for (const target of targets) {
            const timing = await timeOneStream(
              await target.requestFor(kind, latencyMs),
              agents.get(target.name),
            );
            if (index < 0) continue;
            samples.get(target.name).firstByte.push(timing.firstByteMs);
            samples.get(target.name).headers.push(timing.headersMs);
          }
        }
      } finally {
        for (const agent of agents.values()) agent.destroy();
      }
      const byTarget = {};
      for (const [name, { firstByte, headers }] of samples) {
        byTarget[name] = { first_byte_ms: firstByte.summary(), headers_ms: headers.summary() };
      }
      log(
        `  ttfb ${kind} @${latencyMs} ms: ` +
          Object.entries(byTarget)
            .map(([name, figures]) => `${name} p50 ${figures.first_byte_ms.p50} ms`)
            .join(' | '),
      );
      results.push({ latencyMs, kind, byTarget });
    }
  }
  return results;
}
