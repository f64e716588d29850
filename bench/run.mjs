// `npm run bench`: Quarry vs Portkey's gateway vs calling the Bedrock emulator directly.
// Starts everything as child processes, checks every target answers correctly, measures throughput and
// latency (alternating targets), streaming time to first byte and memory under many open streams, then
// writes bench/results/latest.json (+ a timestamped copy) and a markdown table. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench } from './lib/bench-session.mjs';
import { OptionsError, parseOptions, USAGE } from './lib/bench-options.mjs';
import { killAllNow, stopAll } from './lib/child-processes.mjs';
import { resultsMarkdown } from './lib/bench-markdown.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function log(message) {
  process.stdout.write(`${message}\n`);
}

function build() {
  log('• building (npm run build)');
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
}

function writeResults(results, resultsDir) {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = results.finished_at.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const markdown = resultsMarkdown(results);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
  writeFileSync(path.join(resultsDir, `results-${stamp}.json`), json);
  writeFileSync(path.join(resultsDir, `results-${stamp}.md`), markdown);
  return markdown;
}

async function main() {
  let plan;
  try {
    plan = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionsError || error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (plan.help) {
    log(USAGE);
    return 0;
  }
  if (plan.build) build();
  if (!existsSync(path.join(root, 'dist/apps/gateway/src/main.js'))) {
    throw new Error('dist/apps/gateway/src/main.js is missing: run npm run build (or drop --no-build)');
  }
  const resultsDir = path.resolve(root, plan.resultsDir);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'quarry-bench-'));
  const cpuProfileDir = plan.cpuProfile ? path.join(resultsDir, 'profiles') : undefined;
  let succeeded = false;
  try {
    const results = await bench(plan, { root, logDir, cpuProfileDir, log });
    const markdown = writeResults(results, resultsDir);
    log(`\n${markdown}`);
    log(`results: ${path.relative(root, path.join(resultsDir, 'latest.json'))} (and a timestamped copy)`);
    succeeded = results.total_errors === 0;
    if (!succeeded)
      log(
        `FAILED: ${results.total_errors} errors during the runs (see the errors columns); logs in ${logDir}`,
      );
    return succeeded ? 0 : 1;
  } finally {
    await stopAll();
    if (succeeded && !process.env.BENCH_KEEP_LOGS) rmSync(logDir, { recursive: true, force: true });
    else if (readdirSync(logDir).length > 0) log(`process logs kept in ${logDir}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(130);
  });
}
process.once('exit', killAllNow);

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    stopAll().finally(() => process.exit(1));
  },
);
