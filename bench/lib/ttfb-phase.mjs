// Time to first byte of streams, per emulator latency. Targets alternate in short blocks (ten requests to
// direct, ten to quarry, ten to portkey, again …) so that they see the same machine conditions. Blocks
// rather than single requests: a process left idle while the other targets ran pays the operating
// system's wake-up on its next request, and a gateway's path has twice the processes of the direct one
// (harness → gateway → emulator → gateway → harness), so alternating request by request added that
// wake-up cost to every gateway sample (direct's own time to headers was 1.3 ms against 0.16 ms for a
// whole answer back to back). The first request of each block is not counted.
import { isStreamKind } from './chat-requests.mjs';
import { keptAliveAgent, timeOneStream } from './time-to-first-byte.mjs';
import { Samples } from './stats.mjs';

/** The streamed request kinds to time: those being benchmarked, or small-stream when none is. */
export function ttfbKinds(requestKinds) {
  const streamed = requestKinds.filter(isStreamKind);
  return streamed.length > 0 ? streamed : ['small-stream'];
}

/** Consecutive measured requests per target before the next target's turn. */
const BLOCK = 10;

export async function runTtfbPhase(targets, plan, log) {
  const results = [];
  for (const latencyMs of plan.latenciesMs) {
    for (const kind of ttfbKinds(plan.requests)) {
      const serving = [];
      for (const target of targets) if (await target.requestFor(kind, latencyMs)) serving.push(target);
      const agents = new Map(serving.map((target) => [target.name, keptAliveAgent()]));
      const samples = new Map(
        serving.map((target) => [target.name, { firstByte: new Samples(), headers: new Samples() }]),
      );
      try {
        for (let taken = 0; taken < plan.ttfbSamples; taken += BLOCK) {
          for (const target of serving) {
            const request = await target.requestFor(kind, latencyMs);
            const wanted = Math.min(BLOCK, plan.ttfbSamples - taken);
            // One unmeasured request first: it opens the kept-alive connection and wakes the processes.
            for (let index = -1; index < wanted; index++) {
              const timing = await timeOneStream(request, agents.get(target.name));
              if (index < 0) continue;
              samples.get(target.name).firstByte.push(timing.firstByteMs);
              samples.get(target.name).headers.push(timing.headersMs);
            }
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
