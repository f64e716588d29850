// Suites skipped at runtime because a service they need is missing are listed at the end of the run,
// never skipped silently. Workers append one line per suite to a file global setup names in the
// environment; global teardown prints the list and removes the file.
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SKIP_LOG_VARIABLE = 'QUARRY_TEST_SKIP_LOG';

/** Global setup: names this run's log (created by the first skip) and exports the name to the workers. */
export function nameSkipLog(): void {
  const name = `quarry-test-skips-${process.pid}-${randomBytes(4).toString('hex')}.log`;
  process.env[SKIP_LOG_VARIABLE] = path.join(tmpdir(), name);
}

/** A worker: `suite` was skipped because of `reason`. */
export function recordSkippedSuite(suite: string, reason: string): void {
  const log = process.env[SKIP_LOG_VARIABLE];
  if (log) appendFileSync(log, `${JSON.stringify({ suite, reason })}\n`);
}

/** Global teardown: prints each reason with the suites it skipped, then removes the log. */
export function reportSkippedSuites(write: (text: string) => void): void {
  const log = process.env[SKIP_LOG_VARIABLE];
  if (!log) return;
  let lines: string[] = [];
  try {
    lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // no suite was skipped: the file was never written
  }
  rmSync(log, { force: true });
  const suitesByReason = new Map<string, string[]>();
  for (const line of lines) {
    const { suite, reason } = JSON.parse(line) as { suite: string; reason: string };
    suitesByReason.set(reason, [...(suitesByReason.get(reason) ?? []), suite]);
  }
  for (const [reason, suites] of suitesByReason) {
    const list = suites.map((suite) => `  - ${suite}\n`).join('');
    write(`\nSkipped ${suites.length === 1 ? 'one suite' : `${suites.length} suites`} (${reason}):\n${list}`);
  }
}
