// The gateway as operators run it: `npm run build` output started with `node …/main.js` in a child
// process, for what only a real process shows (signals, exit codes, start-up failures, log output).
// Each suite builds its own copy under .quarry/ (inside the repository, so node_modules resolves), so
// parallel runs never rebuild a dist/ another run is executing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '..', '..');

export interface GatewayBuild {
  mainPath: string;
  remove(): void;
}

/** Compiles apps/ and libs/ exactly as `npm run build` does, into a directory of this suite's own. */
export function buildGateway(): GatewayBuild {
  const outputDirectory = path.join(
    repositoryRoot,
    '.quarry',
    `test-build-${randomBytes(4).toString('hex')}`,
  );
  mkdirSync(outputDirectory, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      path.join(repositoryRoot, 'node_modules', '@swc', 'cli', 'bin', 'swc.js'),
      'apps',
      'libs',
      '-d',
      outputDirectory,
      '--config-file',
      '.swcrc',
      '--copy-files',
    ],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    rmSync(outputDirectory, { recursive: true, force: true });
    throw new Error(`building the gateway failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return {
    mainPath: path.join(outputDirectory, 'apps', 'gateway', 'src', 'main.js'),
    remove: () => rmSync(outputDirectory, { recursive: true, force: true }),
  };
}

export interface GatewayProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the base URL once the gateway says it is listening; rejects if it exits first. */
  listening(timeoutMs?: number): Promise<string>;
  /** Ends the process if it is still running (for afterAll). */
  kill(): void;
}

/** Starts the built gateway with exactly `env` (plus PATH), never the test runner's environment. */
export function startGatewayProcess(mainPath: string, env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, [mainPath], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let running = true;
  void exited.then(() => (running = false));

  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    listening(timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the gateway did not start within ${timeoutMs} ms:\n${stdout}${stderr}`));
        }, timeoutMs);
        const check = () => {
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
          if (match) {
            cleanup();
            resolve(match[1]);
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`the gateway exited (code ${code}) before listening:\n${stdout}${stderr}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout!.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    kill() {
      if (running) child.kill('SIGKILL');
    },
  };
}

/** Waits for the process to exit, failing with its output if it takes longer than `timeoutMs`. */
export async function exitOf(
  gateway: GatewayProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`the gateway did not exit within ${timeoutMs} ms:\n${gateway.stdout}${gateway.stderr}`),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([gateway.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
