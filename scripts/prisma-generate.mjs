// npm run db:generate (also npm's postinstall): writes the Prisma client to libs/db/src/generated.
// `prisma generate` insists on having a schema-engine binary and downloads one when it is missing,
// which fails offline. Generating the client never runs that binary (the client is Rust-free and talks
// to Postgres through @prisma/adapter-pg), so any executable satisfies the check: we name Node itself,
// which exists on every machine that runs this script. Quiet on success; on failure prints Prisma's
// output and exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outputDir = path.join(repositoryRoot, 'libs', 'db', 'src', 'generated');

let prismaCli;
try {
  prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
} catch {
  fail('the `prisma` package is not installed; run `npm ci` first');
}

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: repositoryRoot,
  encoding: 'utf8',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});

if (result.error) fail(`could not start prisma: ${result.error.message}`);
if (result.status !== 0) {
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  fail(`prisma generate exited with ${result.status ?? result.signal}`);
}
if (!existsSync(path.join(outputDir, 'client.ts'))) {
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  fail(
    `prisma generate reported success but ${path.relative(repositoryRoot, outputDir)}/client.ts is missing`,
  );
}

function fail(message) {
  console.error(`db:generate: ${message}`);
  process.exit(1);
}
