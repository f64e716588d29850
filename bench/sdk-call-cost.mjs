// `node bench/sdk-call-cost.mjs [calls] [rounds]`: CPU this process spends per Bedrock call made through
// the gateway's Bedrock client (the built BedrockClientCache: the real AWS SDK v3 client with the
// gateway's settings), next to the same SigV4-signed POST sent over a bare keep-alive agent, for Converse
// and for ConverseStream (every event read; the raw POST only reads the bytes). The emulator runs in a
// child process, so only the client side is counted. Calls are sequential; the difference between the
// SDK line and the raw line is what the SDK adds per call on the gateway's CPU. Run `npm run build` first.
// SDK_CALL_COST_ONLY=<name> (e.g. `sdk-stream`) runs one caller, e.g. under --cpu-prof.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BEDROCK_MODEL_ID,
  EMULATOR_ACCESS_KEY_ID,
  EMULATOR_SECRET_ACCESS_KEY,
  REGION,
} from './lib/bench-constants.mjs';
import { signedHeaders } from './lib/sigv4-headers.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const { BedrockClientCache } = require(
  path.join(root, 'dist/libs/bedrock/src/clients/bedrock-client-cache.js'),
);
const { ConverseCommand, ConverseStreamCommand } = require('@aws-sdk/client-bedrock-runtime');

const calls = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 3);
const WARM_UP_CALLS = 1000;

const converseBody = {
  messages: [{ role: 'user', content: [{ text: 'Say hello in one short sentence.' }] }],
  inferenceConfig: { maxTokens: 64 },
};
const converseInput = { modelId: BEDROCK_MODEL_ID, ...converseBody };

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startEmulator() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/bedrock-emulator/src/main.js')], {
    env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_LATENCY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

function sdkCallers(endpoint) {
  const client = new BedrockClientCache().runtime({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: EMULATOR_ACCESS_KEY_ID, secretAccessKey: EMULATOR_SECRET_ACCESS_KEY },
    maxAttempts: 1,
    requestTimeoutMs: 600_000,
  });
  return {
    'sdk-converse': async () => {
      const output = await client.send(new ConverseCommand(converseInput));
      if (!output.output?.message) throw new Error('no message in the Converse output');
    },
    'sdk-stream': async () => {
      const output = await client.send(new ConverseStreamCommand(converseInput));
      let events = 0;
      for await (const event of output.stream) if (event) events += 1;
      if (events < 5) throw new Error(`only ${events} ConverseStream events`);
    },
  };
}

function rawCallers(endpoint) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(endpoint);
  const post = async (operation) => {
    const requestPath = `/model/${encodeURIComponent(BEDROCK_MODEL_ID)}/${operation}`;
    const body = JSON.stringify(converseBody);
    const headers = await signedHeaders(endpoint, requestPath, body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { agent, host: url.hostname, port: url.port, method: 'POST', path: requestPath, headers },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const data = Buffer.concat(chunks);
            if (response.statusCode === 200) resolve(data);
            else reject(new Error(data.toString('utf8')));
          });
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  };
  return {
    'raw-converse': async () => {
      const data = await post('converse');
      if (!JSON.parse(data.toString('utf8')).output?.message) throw new Error('no message in the output');
    },
    'raw-stream': async () => {
      const data = await post('converse-stream');
      if (!data.includes('metadata')) throw new Error('the event stream has no metadata event');
    },
  };
}

/** Microseconds of this process's CPU (user + system) per call, over `count` sequential calls. */
async function cpuPerCall(call, count) {
  const before = process.cpuUsage();
  for (let index = 0; index < count; index += 1) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

const emulator = await startEmulator();
try {
  const only = process.env.SDK_CALL_COST_ONLY; // one caller, e.g. `sdk-stream` under --cpu-prof
  const callers = Object.fromEntries(
    Object.entries({ ...sdkCallers(emulator.endpoint), ...rawCallers(emulator.endpoint) }).filter(
      ([name]) => !only || name === only,
    ),
  );
  for (const call of Object.values(callers)) await cpuPerCall(call, WARM_UP_CALLS);
  const results = Object.fromEntries(Object.keys(callers).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, call] of Object.entries(callers)) results[name].push(await cpuPerCall(call, calls));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [name, values] of Object.entries(results)) {
    console.log(
      `${name.padEnd(12)} ${values.map((value) => value.toFixed(0).padStart(5)).join(' ')} µs CPU/call`,
    );
  }
  for (const operation of ['converse', 'stream']) {
    const [sdk, raw] = [results[`sdk-${operation}`], results[`raw-${operation}`]];
    if (sdk && raw) {
      const added = (median(sdk) - median(raw)).toFixed(0);
      console.log(`${operation}: the SDK adds ≈ ${added} µs CPU per call (medians)`);
    }
  }
} finally {
  emulator.stop();
}
