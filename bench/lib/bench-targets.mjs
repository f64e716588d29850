// Starts what is measured: one Bedrock emulator per configured latency (plus a slow-streaming one for
// the memory phase), Quarry in production mode (database, virtual-key auth, model access checks, spend
// accounting) and Portkey's open-source gateway, all as child processes on 127.0.0.1.
// Each target then knows how to phrase a request of a given kind for a given emulator latency.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BEDROCK_MODEL_ID,
  EMBEDDING_MODEL_ID,
  EMULATOR_ACCESS_KEY_ID,
  EMULATOR_SECRET_ACCESS_KEY,
  QUARRY_ROUTES,
  REGION,
  quarryModelName,
} from './bench-constants.mjs';
import {
  anthropicMessagesBody,
  converseCall,
  directCall,
  openAIChatBody,
  openAIEmbeddingsBody,
  PORTKEY_KINDS,
  quarryRouteOf,
} from './chat-requests.mjs';
import { IMAGE_RERANK_AGENT_KINDS, quarryImageRerankAgentRequest } from './images-rerank-agent-requests.mjs';
import { freePort, startNode, waitUntilListening } from './child-processes.mjs';
import { signedHeaders } from './sigv4-headers.mjs';

/** Latency key of the emulator used by the 1,000-streams memory phase (streams paced, so they stay open). */
export const HOLD_EMULATOR = 'hold';

/**
 * @param {{ latenciesMs: number[], holdTokensPerSecond: number }} plan
 * @returns {Promise<Map<number|string, { endpoint: string, handle: object }>>}
 */
export async function startEmulators(plan, { root, logDir }) {
  const emulators = new Map();
  const wanted = [
    ...plan.latenciesMs.map((latencyMs) => [latencyMs, { latencyMs, tokensPerSecond: 0 }]),
    [HOLD_EMULATOR, { latencyMs: 0, tokensPerSecond: plan.holdTokensPerSecond }],
  ];
  await Promise.all(
    wanted.map(async ([key, settings]) => {
      const port = await freePort();
      const handle = startNode(
        `emulator-${key}`,
        [path.join(root, 'dist/apps/bedrock-emulator/src/main.js')],
        {
          cwd: root,
          env: {
            ...process.env,
            EMULATOR_PORT: String(port),
            EMULATOR_LATENCY_MS: String(settings.latencyMs),
            EMULATOR_TPS: String(settings.tokensPerSecond),
            // Signatures stay verified: every target (direct included) sends SigV4, as Bedrock requires.
            EMULATOR_VERIFY_SIGV4: 'true',
          },
          logFile: path.join(logDir, `emulator-${key}.log`),
        },
      );
      const endpoint = `http://127.0.0.1:${port}`;
      await waitUntilListening(handle, `${endpoint}/`);
      emulators.set(key, { endpoint, handle });
    }),
  );
  return emulators;
}

function quarryConfigYaml(emulators) {
  const entries = [...emulators].flatMap(([key, { endpoint }]) =>
    QUARRY_ROUTES.map(({ route, model, endpointSetting = 'aws_bedrock_runtime_endpoint' }) =>
      [
        `  - model_name: ${quarryModelName(key, route)}`,
        '    litellm_params:',
        `      model: ${model}`,
        `      aws_region_name: ${REGION}`,
        `      aws_access_key_id: ${EMULATOR_ACCESS_KEY_ID}`,
        `      aws_secret_access_key: ${EMULATOR_SECRET_ACCESS_KEY}`,
        `      ${endpointSetting}: ${endpoint}`,
      ].join('\n'),
    ),
  );
  // Retries off: an error must show up in the figures, not be hidden by a second attempt.
  return `model_list:\n${entries.join('\n')}\nlitellm_settings:\n  num_retries: 0\n`;
}

/** Quarry's built gateway (`dist/apps/gateway/src/main.js`) with a fresh virtual key limited to the bench models. */
export async function startQuarry(
  emulators,
  {
    root,
    logDir,
    databaseUrl,
    logLevel,
    cpuProfileDir,
    name = 'quarry',
    extraEnv = {},
    keyFields = {},
    nodeArgs: targetNodeArgs = [],
  },
) {
  const configPath = path.join(logDir, `${name}-config.yaml`);
  writeFileSync(configPath, quarryConfigYaml(emulators));
  const port = await freePort();
  const masterKey = `sk-bench-master-${randomBytes(16).toString('hex')}`;
  const nodeArgs = [
    ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    // V8 flags NODE_OPTIONS refuses (e.g. --trace-deopt, --trace-opt), for investigations.
    ...(process.env.BENCH_QUARRY_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ...targetNodeArgs,
  ];
  const handle = startNode(name, [...nodeArgs, path.join(root, 'dist/apps/gateway/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      QUARRY_MASTER_KEY: masterKey,
      QUARRY_CONFIG: configPath,
      QUARRY_AWS_ENDPOINT: emulators.values().next().value.endpoint,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: logLevel,
      ...extraEnv,
      // Experiments with V8 flags without editing the harness (e.g. --max-semi-space-size=64).
      ...(process.env.BENCH_QUARRY_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_QUARRY_NODE_OPTIONS }
        : {}),
    },
    logFile: path.join(logDir, `${name}.log`),
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilListening(handle, `${baseUrl}/health/liveliness`);

  const response = await fetch(`${baseUrl}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      models: [...emulators.keys()].flatMap((key) =>
        QUARRY_ROUTES.map(({ route }) => quarryModelName(key, route)),
      ),
      key_alias: `bench-${name}`,
      ...keyFields,
    }),
  });
  const created = await response.json().catch(() => ({}));
  if (!response.ok || typeof created.key !== 'string') {
    throw new Error(
      `creating Quarry's virtual key failed: HTTP ${response.status} ${JSON.stringify(created)}`,
    );
  }
  const headers = { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' };
  return {
    name,
    handle,
    requestFor: async (kind, latencyKey) => {
      const model = quarryModelName(latencyKey, quarryRouteOf(kind));
      if (kind === 'messages-stream')
        return {
          url: `${baseUrl}/v1/messages`,
          headers: {
            'x-api-key': created.key,
            'anthropic-version': '2023-06-01',
            'content-type': 'application/json',
          },
          body: anthropicMessagesBody(model),
        };
      if (kind === 'embeddings')
        return { url: `${baseUrl}/v1/embeddings`, headers, body: openAIEmbeddingsBody(model) };
      if (IMAGE_RERANK_AGENT_KINDS.includes(kind)) {
        const { path: surfacePath, body } = quarryImageRerankAgentRequest(kind, model);
        return { url: `${baseUrl}${surfacePath}`, headers, body };
      }
      return { url: `${baseUrl}/v1/chat/completions`, headers, body: openAIChatBody(kind, model) };
    },
    passthrough: passthroughTarget(baseUrl, created.key, handle),
  };
}

/**
 * The same Quarry process through /bedrock: the native Converse / ConverseStream request the direct
 * target sends, with the public model name in the path and the virtual key in x-litellm-api-key; the
 * gateway relays it re-signed. Its process is Quarry's: CPU per request is read from it during the
 * passthrough runs, while memory and peak RSS stay Quarry's figures (`sharesProcess`).
 */
function passthroughTarget(baseUrl, key, handle) {
  return {
    name: 'passthrough',
    handle,
    sharesProcess: true,
    requestFor: async (kind, latencyKey) => {
      // The Converse kinds only: InvokeModel, Messages, embeddings, images, rerank and agents have no
      // passthrough scenario here.
      if (quarryRouteOf(kind) !== '' || kind === 'messages-stream') return null;
      const { path: operationPath, body } = converseCall(kind, quarryModelName(latencyKey));
      return {
        url: `${baseUrl}/bedrock${operationPath}`,
        headers: { 'x-litellm-api-key': key, 'content-type': 'application/json' },
        body,
      };
    },
  };
}

/** Portkey's gateway as its README runs it on Node, pointed at the emulator with x-portkey-custom-host. */
export async function startPortkey(emulators, { root, logDir }) {
  const port = await freePort();
  const handle = startNode(
    'portkey',
    [
      path.join(root, 'node_modules/@portkey-ai/gateway/build/start-server.js'),
      `--port=${port}`,
      '--headless',
    ],
    {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      logFile: path.join(logDir, 'portkey.log'),
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilListening(handle, `${baseUrl}/`);
  return {
    name: 'portkey',
    handle,
    // Portkey's Bedrock chat always takes Converse: it has no InvokeModel chat route to compare, and its
    // Anthropic route is not the one measured here; nor are images, rerank and agents (PORTKEY_KINDS).
    requestFor: async (kind, latencyKey) =>
      !PORTKEY_KINDS.includes(kind)
        ? null
        : {
            url: `${baseUrl}/v1/${kind === 'embeddings' ? 'embeddings' : 'chat/completions'}`,
            headers: {
              'content-type': 'application/json',
              'x-portkey-provider': 'bedrock',
              'x-portkey-aws-access-key-id': EMULATOR_ACCESS_KEY_ID,
              'x-portkey-aws-secret-access-key': EMULATOR_SECRET_ACCESS_KEY,
              'x-portkey-aws-region': REGION,
              // Portkey replaces the Bedrock base URL with this host and signs for it (127.0.0.1 is in its
              // default TRUSTED_CUSTOM_HOSTS list, so its SSRF guard lets it through).
              'x-portkey-custom-host': emulators.get(latencyKey).endpoint,
            },
            body:
              kind === 'embeddings'
                ? openAIEmbeddingsBody(EMBEDDING_MODEL_ID)
                : openAIChatBody(kind, BEDROCK_MODEL_ID),
          },
  };
}

/** The emulator itself, called with the Bedrock request the OpenAI request becomes (the baseline). */
export function directTarget(emulators) {
  return {
    name: 'direct',
    handle: undefined,
    requestFor: async (kind, latencyKey) => {
      const { endpoint } = emulators.get(latencyKey);
      const { path: operationPath, body } = directCall(kind);
      return {
        url: `${endpoint}${operationPath}`,
        headers: await signedHeaders(endpoint, operationPath, body),
        body,
      };
    },
  };
}
