// Is memory flat under 1,000 concurrent streams? RSS (what `npm run bench` samples from outside) also moves
// with the allocator and V8's heap sizing, so this measures the heap after a full GC, round after round,
// in a gateway running in this process. A leak shows as a heap that keeps growing.
//   node --expose-gc bench/heap-rounds.mjs [rounds=8] [streams=1000]
// Needs a migrated database: DATABASE_URL (default: the bench's quarry_bench; run `npm run bench` once first).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rounds = Number(process.argv[2] ?? 8);
const streams = Number(process.argv[3] ?? 1000);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function startEmulator() {
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/bedrock-emulator/src/main.js')], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_TPS: '50', EMULATOR_VERIFY_SIGV4: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`emulator exited (${code})`)));
    child.stdout.on('data', (data) => {
      const match = /listening on (http:\/\/\S+)/.exec(String(data));
      if (match) resolve(match[1]);
    });
  });
  return { endpoint, stop: () => child.kill() };
}

async function main() {
  const emulator = await startEmulator();
  const configPath = path.join(tmpdir(), `quarry-heap-rounds-${process.pid}.yaml`);
  writeFileSync(
    configPath,
    `model_list:\n  - model_name: hold\n    litellm_params:\n      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0\n` +
      `      aws_access_key_id: AKIAQUARRYEMULATOR01\n      aws_secret_access_key: quarry-emulator-secret-key-do-not-use-in-aws\n`,
  );
  const { APP_CONFIG } = require(path.join(root, 'dist/apps/gateway/src/platform/config/app-config.js'));
  const { createGateway } = require(path.join(root, 'dist/apps/gateway/src/bootstrap.js'));
  const env = {
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry_bench',
    QUARRY_MASTER_KEY: 'sk-heap-rounds-master',
    QUARRY_CONFIG: configPath,
    QUARRY_AWS_ENDPOINT: emulator.endpoint,
    LOG_LEVEL: 'warn',
  };
  const app = await createGateway({ env });
  const config = app.get(APP_CONFIG);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}/v1/chat/completions`;
  const body = JSON.stringify({
    model: 'hold',
    stream: true,
    messages: [{ role: 'user', content: 'a story about stones' }],
  });
  const headers = { authorization: `Bearer ${config.masterKey}`, 'content-type': 'application/json' };
  const oneStream = async () => (await fetch(url, { method: 'POST', headers, body })).text();
  try {
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(Array.from({ length: streams }, oneStream));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // spend rows flushed
      globalThis.gc();
      globalThis.gc();
      const { heapUsed, rss } = process.memoryUsage();
      console.log(
        `round ${round}: ${streams} streams, heap after GC ${(heapUsed / 1e6).toFixed(1)} MB, RSS ${(rss / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    await app.close();
    emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
