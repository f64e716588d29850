// Every process the benchmark starts (emulators, gateways) is a child of this one, so its memory and CPU
// time can be read from /proc and so it can be stopped however the run ends: normally, on an error, or on
// Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

const running = new Set();
const STOP_GRACE_MS = 5_000;

/**
 * Starts `node args…` with its output appended to `logFile`.
 * @returns {{ name: string, pid: number, logFile: string, child: import('node:child_process').ChildProcess }}
 */
export function startNode(name, args, { env, cwd, logFile }) {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', log, log] });
  closeSync(log);
  const handle = { name, pid: child.pid, logFile, child, exited: false };
  child.once('exit', () => {
    handle.exited = true;
    running.delete(handle);
  });
  running.add(handle);
  return handle;
}

/** Polls `url` until it answers (any HTTP status), the child dies, or the time runs out. */
export async function waitUntilListening(handle, url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.exited) throw new Error(`${handle.name} exited during start-up:\n${tail(handle.logFile)}`);
    const answered = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await delay(100);
  }
  throw new Error(`${handle.name} did not listen on ${url} within ${timeoutMs} ms:\n${tail(handle.logFile)}`);
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export async function stop(handle) {
  if (handle.exited) return;
  const exited = new Promise((resolve) => handle.child.once('exit', resolve));
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...running].map((handle) => stop(handle)));
}

/** Last-resort cleanup when the harness itself is dying: no process may outlive it. */
export function killAllNow() {
  for (const handle of running) handle.child.kill('SIGKILL');
}

/** Resident memory now and the process's peak so far (VmHWM), in MB. */
export function memoryOf(handle) {
  const status = readFileSync(`/proc/${handle.pid}/status`, 'utf8');
  const kilobytes = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssMb: kilobytes('VmRSS') / 1024, peakRssMb: kilobytes('VmHWM') / 1024 };
}

let ticksPerSecond;

/** Clock ticks per second, the unit of utime/stime in /proc/<pid>/stat (`getconf CLK_TCK`, 100 on Linux). */
function clockTicksPerSecond() {
  if (ticksPerSecond === undefined) {
    try {
      const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isFinite(value) && value > 0 ? value : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time the process has used so far, user + system, in microseconds (all its threads: V8's GC helpers
 * and libuv's pool included). Measured from outside, so it costs the gateway nothing and is the same for
 * Quarry and Portkey. null once the process is gone.
 */
export function cpuMicrosOf(handle) {
  let stat;
  try {
    stat = readFileSync(`/proc/${handle.pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 is "(comm)", and comm may contain spaces or ')': the fields are counted after the last ')'.
  // What follows it starts at field 3 (state), so utime (field 14) and stime (15) are at 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1_000_000) / clockTicksPerSecond() : null;
}

/** A TCP port that was free a moment ago (the child binds it next). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function tail(logFile, lines = 30) {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
