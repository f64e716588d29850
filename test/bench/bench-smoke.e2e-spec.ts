// The benchmark harness end to end, in quick mode: it builds, starts the emulator, Quarry (database, auth,
// spend on) and Portkey's gateway, measures for a few seconds and writes its results. This proves the
// harness works; it asserts no timing (the machine running the tests decides those).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  derivedDatabaseName,
  onMaintenanceDatabase,
  quoteIdentifier,
  testDatabaseUrl,
  withDatabaseName,
} from '../support/database';

const repositoryRoot = path.resolve(__dirname, '..', '..');
// A bound for a harness that hangs, not a performance check: a quick run takes about 20 s on an idle
// 2-core machine and several times that on one shared with other work.
const HARNESS_TIMEOUT_MS = 150_000;
// The harness drops and recreates its database: one named after this run's, so parallel runs (each on a
// database of its own) never drop each other's.
const BENCH_DATABASE = derivedDatabaseName('bench_smoke');

interface HarnessRun {
  exitCode: number | null;
  output: string;
}

function runHarness(args: string[]): Promise<HarnessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repositoryRoot, 'bench', 'run.mjs'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(the harness had not finished after ${HARNESS_TIMEOUT_MS / 1000} s and was stopped)`;
      child.kill('SIGTERM');
    }, HARNESS_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The exit code, and the harness's output when it failed (so that a failure shows why). */
function outcomeOf(run: HarnessRun): HarnessRun {
  return { exitCode: run.exitCode, output: run.exitCode === 0 ? '' : run.output };
}

/** A harness run before a describe block's tests, its results in a directory of its own, removed after. */
function harnessRunForThisBlock(args: string[]): { run: HarnessRun; resultsDir: string } {
  const state = {} as { run: HarnessRun; resultsDir: string };
  beforeAll(async () => {
    state.resultsDir = mkdtempSync(path.join(tmpdir(), 'quarry-bench-smoke-'));
    state.run = await runHarness([
      ...args,
      `--results-dir=${state.resultsDir}`,
      `--database-url=${withDatabaseName(testDatabaseUrl(), BENCH_DATABASE)}`,
    ]);
  }, HARNESS_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    rmSync(state.resultsDir, { recursive: true, force: true });
    await onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${quoteIdentifier(BENCH_DATABASE)} WITH (FORCE)`);
  });
  return state;
}

describe('npm run bench -- --quick', () => {
  const harness = harnessRunForThisBlock([
    '--quick',
    '--duration=1',
    '--warmup=0.3',
    '--connections=1,2',
    '--ttfb-samples=5',
    '--streams=20',
    '--stream-rounds=2',
    '--label=smoke test',
  ]);

  it('exits successfully and writes latest.json, latest.md and timestamped copies', () => {
    expect(outcomeOf(harness.run)).toEqual({ exitCode: 0, output: '' });
    const files = readdirSync(harness.resultsDir);
    expect(files).toEqual(expect.arrayContaining(['latest.json', 'latest.md']));
    expect(files.filter((file) => /^results-.+\.json$/.test(file))).toHaveLength(1);
    expect(readFileSync(path.join(harness.resultsDir, 'latest.md'), 'utf8')).toContain(
      'Quarry / Portkey throughput',
    );
  });

  it('reports the headline figures for the small request, with zero errors', () => {
    const results = JSON.parse(readFileSync(path.join(harness.resultsDir, 'latest.json'), 'utf8'));
    for (const field of [
      'quarry_rps',
      'portkey_rps',
      'quarry_over_portkey',
      'quarry_peak_rss_mb',
      'quarry_cpu_us_per_request',
      'portkey_cpu_us_per_request',
      'portkey_cpu_over_quarry',
    ]) {
      expect({ field, positive: results[field] > 0 }).toEqual({ field, positive: true });
    }
    for (const field of [
      'added_p50_ms',
      'added_p99_ms',
      'stream_ttfb_added_ms',
      'passthrough_stream_added_p50_ms',
      'passthrough_stream_added_p99_ms',
      'passthrough_stream_ttfb_added_ms',
    ]) {
      expect({ field, type: typeof results[field] }).toEqual({ field, type: 'number' });
    }
    expect(results.quarry_over_portkey).toBeCloseTo(results.quarry_rps / results.portkey_rps, 2);
    expect(results.headline.cpu_connections).toBe(2);
    expect(results.portkey_cpu_over_quarry).toBeCloseTo(
      results.portkey_cpu_us_per_request / results.quarry_cpu_us_per_request,
      2,
    );
    expect(results.errors).toEqual({ direct: 0, quarry: 0, portkey: 0, passthrough: 0 });
    expect(results.total_errors).toBe(0);
  });

  it('keeps the per-scenario detail: every target at every connection count, streams and memory', () => {
    const results = JSON.parse(readFileSync(path.join(harness.resultsDir, 'latest.json'), 'utf8'));
    expect(results.scenarios.map((scenario: { request: string }) => scenario.request)).toEqual([
      'small',
      'small-stream',
    ]);
    for (const scenario of results.scenarios) {
      for (const target of ['direct', 'quarry', 'portkey', 'passthrough']) {
        expect(Object.keys(scenario.targets[target].by_connections)).toEqual(['1', '2']);
        expect(scenario.targets[target].by_connections['1'].requests).toBeGreaterThan(0);
      }
      // CPU per request exists only for targets that are a gateway process.
      expect(scenario.targets.quarry.by_connections['2'].cpu_us_per_request).toBeGreaterThan(0);
      expect(scenario.targets.portkey.by_connections['2'].cpu_us_per_request).toBeGreaterThan(0);
      expect(scenario.targets.passthrough.by_connections['2'].cpu_us_per_request).toBeGreaterThan(0);
      expect(scenario.targets.direct.by_connections['2'].cpu_us_per_request).toBeNull();
    }
    expect(results.time_to_first_byte[0].targets.quarry.first_byte_ms.count).toBe(5);
    expect(results.stream_memory.quarry.rounds).toHaveLength(2);
    expect(results.stream_memory.portkey.errors).toBe(0);
  });

  it('leaves no child process running', () => {
    const results = JSON.parse(readFileSync(path.join(harness.resultsDir, 'latest.json'), 'utf8'));
    const names = results.processes.map((child: { name: string }) => child.name);
    expect(names).toEqual(expect.arrayContaining(['quarry', 'portkey', 'emulator-0']));
    const alive = results.processes.filter((child: { pid: number }) => isRunning(child.pid));
    expect(alive).toEqual([]);
  });

  it('rejects a bad option naming it, before starting anything', async () => {
    const bad = await runHarness(['--connections=0,abc', '--no-build']);
    expect(bad.exitCode).toBe(2);
    expect(bad.output).toContain('--connections must be a comma-separated list of numbers ≥ 1');
  });
});

describe('npm run bench -- --quick --requests images,rerank,agent,agent-stream', () => {
  const harness = harnessRunForThisBlock([
    '--quick',
    '--requests=images,rerank,agent,agent-stream',
    '--duration=1',
    '--warmup=0',
    '--connections=1',
    '--ttfb-samples=5',
    '--streams=0',
  ]);

  it('measures Quarry and the direct Bedrock call for each kind with zero errors; Portkey and the passthrough sit them out', () => {
    // The harness's preflight has checked each answer's shape (an image, the right passage ranked first,
    // the agent's completion or stream) before measuring; a wrong one fails the run.
    expect(outcomeOf(harness.run)).toEqual({ exitCode: 0, output: '' });
    const results = JSON.parse(readFileSync(path.join(harness.resultsDir, 'latest.json'), 'utf8'));
    expect(results.scenarios.map((scenario: { request: string }) => scenario.request)).toEqual([
      'images',
      'rerank',
      'agent',
      'agent-stream',
    ]);
    for (const scenario of results.scenarios) {
      expect(Object.keys(scenario.targets).sort()).toEqual(['direct', 'quarry']);
      expect(scenario.targets.direct.by_connections['1'].requests).toBeGreaterThan(0);
      expect(scenario.targets.quarry.by_connections['1'].requests).toBeGreaterThan(0);
      expect(scenario.targets.quarry.by_connections['1'].cpu_us_per_request).toBeGreaterThan(0);
    }
    expect(results.total_errors).toBe(0);
    const agentStream = results.time_to_first_byte.find(
      (entry: { request: string }) => entry.request === 'agent-stream',
    );
    expect(agentStream.targets.quarry.first_byte_ms.count).toBe(5);
    expect(agentStream.targets.direct.first_byte_ms.count).toBe(5);
  });
});
