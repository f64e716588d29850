// `npm run dev`: Quarry on a laptop with nothing configured.
// - no DATABASE_URL → an embedded Postgres under .quarry/postgres (real Postgres binaries from npm)
// - no Bedrock endpoint or AWS credentials → the local Bedrock emulator (and its S3) in this process
// - no master key → one generated once and kept in .quarry/master-key
// Then: build, migrate, start the gateway, print the URL and the key. Ctrl-C / SIGTERM shut everything down cleanly.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './lib/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = path.join(root, '.quarry');
const require = createRequire(import.meta.url);
const cleanups = [];

function step(message) {
  process.stdout.write(`• ${message}\n`);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

async function startLocalPostgres() {
  const port = Number(process.env.QUARRY_DEV_PG_PORT ?? 54329);
  const password = 'quarry-local';
  const server = await startEmbeddedPostgres({
    dataDir: path.join(stateDir, 'postgres'),
    port,
    password,
    onCreate: () =>
      step(`creating an embedded Postgres in ${path.relative(root, path.join(stateDir, 'postgres'))}`),
  });
  cleanups.push(() => server.stop());
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'quarry'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE quarry');
  await client.end();
  step(`embedded Postgres on 127.0.0.1:${port}`);
  return `postgresql://postgres:${password}@127.0.0.1:${port}/quarry`;
}

function masterKey() {
  const given = process.env.QUARRY_MASTER_KEY ?? process.env.LITELLM_MASTER_KEY;
  if (given) return given;
  const file = path.join(stateDir, 'master-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = `sk-quarry-${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function hasAwsConfiguration() {
  return Boolean(
    process.env.QUARRY_AWS_ENDPOINT ||
    process.env.AWS_ACCESS_KEY_ID ||
    process.env.AWS_PROFILE ||
    process.env.AWS_BEARER_TOKEN_BEDROCK,
  );
}

async function createDevBucket(endpoint, bucket, credentials) {
  const { S3Client, CreateBucketCommand } = require('@aws-sdk/client-s3');
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
  s3.destroy();
}

async function main() {
  // Node 20 is this project's runtime; the SDK's notice about a future Node 22 requirement is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  mkdirSync(stateDir, { recursive: true });
  step('building');
  run('npm', ['run', '--silent', 'build']);

  const env = { ...process.env };
  if (!env.DATABASE_URL) env.DATABASE_URL = await startLocalPostgres();
  step('applying migrations');
  run('node', ['scripts/db-migrate.mjs'], env);

  if (!hasAwsConfiguration()) {
    const { startEmulator } = require(path.join(root, 'dist/apps/bedrock-emulator/src/index.js'));
    const { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } = require(
      path.join(root, 'dist/apps/bedrock-emulator/src/index.js'),
    );
    // One key pair for Bedrock and the emulator's S3, so batch deployments need no S3 keys of their own;
    // batch jobs of a few records run and are polled every few seconds.
    env.QUARRY_BATCH_MIN_RECORDS ??= '2';
    env.QUARRY_BATCH_POLL_SECONDS ??= '2';
    const emulator = await startEmulator({
      port: Number(process.env.EMULATOR_PORT ?? 4010),
      s3Credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
      batchMinRecords: Number(env.QUARRY_BATCH_MIN_RECORDS),
    });
    cleanups.unshift(() => emulator.close());
    env.QUARRY_AWS_ENDPOINT = emulator.endpoint;
    env.QUARRY_S3_ENDPOINT = emulator.s3Endpoint;
    env.AWS_ACCESS_KEY_ID = DEFAULT_ACCESS_KEY_ID;
    env.AWS_SECRET_ACCESS_KEY = DEFAULT_SECRET_ACCESS_KEY;
    env.AWS_BATCH_ROLE_ARN ??= 'arn:aws:iam::123456789012:role/QuarryDevBatch';
    await createDevBucket(emulator.s3Endpoint, 'quarry-batches', {
      accessKeyId: DEFAULT_ACCESS_KEY_ID,
      secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
    });
    env.QUARRY_CONFIG ??= path.join(root, 'config.example.yaml');
    step(`local Bedrock emulator on ${emulator.endpoint} (no AWS account needed)`);
  }
  env.QUARRY_MASTER_KEY = masterKey();
  delete env.LITELLM_MASTER_KEY;

  const { APP_CONFIG } = require(path.join(root, 'dist/apps/gateway/src/platform/config/app-config.js'));
  const { createGateway } = require(path.join(root, 'dist/apps/gateway/src/bootstrap.js'));
  // As main.ts does: V8 settings for a process that serves requests.
  require(path.join(root, 'dist/apps/gateway/src/platform/runtime/heap-tuning.js')).tuneHeapForServing();
  // The gateway runs in this process, and the AWS SDK reads credentials from process.env.
  Object.assign(process.env, env);
  const app = await createGateway();
  const config = app.get(APP_CONFIG);
  await app.listen(config.port, config.host);
  cleanups.unshift(() => app.close());

  // The batch worker runs in this process unless QUARRY_WORKER=off (then run it on its own:
  // `node dist/apps/worker/src/main.js`, as docker-compose does).
  if (process.env.QUARRY_WORKER !== 'off') {
    const { startWorker } = require(path.join(root, 'dist/apps/worker/src/start-worker.js'));
    const worker = await startWorker();
    cleanups.unshift(() => worker.close());
    step('batch worker running in this process (QUARRY_WORKER=off to run it separately)');
  }

  const url = `http://127.0.0.1:${config.port}`;
  process.stdout.write(
    [
      '',
      `Quarry is running at ${url}`,
      `Master key: ${config.masterKey}`,
      '',
      'Try it:',
      `  curl ${url}/v1/chat/completions -H "Authorization: Bearer ${config.masterKey}" \\`,
      `    -H "Content-Type: application/json" -d '{"model":"claude-3-haiku","messages":[{"role":"user","content":"Hello"}]}'`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

let stopping = false;
async function shutdown(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: shutting down\n`);
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`shutdown: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (error) => {
  process.stderr.write(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown('error', 1);
});
