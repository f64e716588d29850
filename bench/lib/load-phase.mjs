// The throughput/latency phase. For every emulator latency, request kind and connection count, each
// target is run `rounds` times, and the order of targets rotates every round (A B C, B C A, …) so that
// machine noise — other processes, CPU frequency, GC of the load generator — falls on all of them.
// Samples of all rounds are pooled before percentiles are taken.
// For a gateway (a child process) the phase also reads the process's CPU time around each measured run:
// CPU per completed request. Requests/s depend on how the 2 shared cores are split between the load
// generator, the emulator and the gateway, which changes run to run; the gateway's own CPU per request
// changes much less, and it is what a throughput ratio between gateways approximates.
import { cpuMicrosOf } from './child-processes.mjs';
import { runLoad } from './load-run.mjs';
import { Samples, round } from './stats.mjs';

function rotated(list, by) {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

/** Unmeasured runs: JIT, connection pools, key caches and the emulator's prompt cache warm up first. */
async function warmUp(targets, plan, log) {
  if (plan.warmupSeconds <= 0) return;
  for (const latencyMs of plan.latenciesMs) {
    for (const kind of plan.requests) {
      for (const target of targets) {
        const request = await target.requestFor(kind, latencyMs);
        if (!request) continue; // a target that does not serve this kind
        const outcome = await runLoad(request, {
          connections: Math.max(...plan.connections),
          durationSeconds: plan.warmupSeconds,
        });
        if (outcome.errors + outcome.non2xx > 0) {
          log(
            `  warm-up: ${target.name} ${kind} @${latencyMs} ms had ${outcome.errors + outcome.non2xx} errors`,
          );
        }
      }
    }
  }
}

/**
 * @returns {Promise<Array<{ latencyMs: number, kind: string, connections: number, byTarget: Record<string, object> }>>}
 */
export async function runLoadPhase(targets, plan, log) {
  await warmUp(targets, plan, log);
  const cells = [];
  for (const latencyMs of plan.latenciesMs) {
    for (const kind of plan.requests) {
      for (const connections of plan.connections) {
        const serving = [];
        for (const target of targets) if (await target.requestFor(kind, latencyMs)) serving.push(target);
        const pooled = new Map(
          serving.map((target) => [
            target.name,
            { samples: new Samples(), requests: 0, seconds: 0, errors: 0, cpuMicros: 0, rounds: [] },
          ]),
        );
        for (let roundIndex = 0; roundIndex < plan.rounds; roundIndex++) {
          for (const target of rotated(serving, roundIndex)) {
            const request = await target.requestFor(kind, latencyMs);
            const totals = pooled.get(target.name);
            const cpuBefore = target.handle ? cpuMicrosOf(target.handle) : null;
            const outcome = await runLoad(request, {
              connections,
              durationSeconds: plan.durationSeconds,
              samples: totals.samples,
            });
            const cpuAfter = target.handle ? cpuMicrosOf(target.handle) : null;
            // Pooled like the requests: sum of CPU over sum of completed requests. NaN (reported as null)
            // when there is no gateway process (direct) or it could not be read.
            const cpuMicros = cpuBefore === null || cpuAfter === null ? NaN : cpuAfter - cpuBefore;
            totals.cpuMicros += cpuMicros;
            // Each round on its own too: the spread between rounds is the noise a comparison must beat.
            totals.rounds.push({
              rps: round(outcome.requests / outcome.seconds, 1),
              cpu_us_per_request: round(cpuMicros / outcome.requests, 0),
            });
            totals.requests += outcome.requests;
            totals.seconds += outcome.seconds;
            totals.errors += outcome.errors + outcome.non2xx;
          }
        }
        const byTarget = {};
        for (const [name, totals] of pooled) {
          byTarget[name] = {
            rps: round(totals.requests / totals.seconds, 1),
            latency_ms: totals.samples.summary(),
            requests: totals.requests,
            errors: totals.errors,
            cpu_us_per_request: round(totals.cpuMicros / totals.requests, 0),
            rounds: totals.rounds,
          };
        }
        const line = Object.entries(byTarget)
          .map(
            ([name, figures]) =>
              `${name} ${figures.rps} rps p50 ${figures.latency_ms.p50} ms` +
              (figures.cpu_us_per_request === null ? '' : ` cpu ${figures.cpu_us_per_request} µs/req`),
          )
          .join(' | ');
        log(`  ${kind} @${latencyMs} ms, ${connections} conn: ${line}`);
        cells.push({ latencyMs, kind, connections, byTarget });
      }
    }
  }
  return cells;
}
