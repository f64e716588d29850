// Starts a real gateway in-process on a free port, against the test database (see test/setup) and,
// when asked, a fresh Bedrock emulator. End-to-end tests talk to it over HTTP with real clients.
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { APP_CONFIG, type AppConfig } from '../../apps/gateway/src/platform/config/app-config';

export interface TestGatewayOptions {
  /** config.yaml contents (LiteLLM format); written to a temp file and passed as QUARRY_CONFIG. */
  configYaml?: string;
  /** Extra environment for config loading (os.environ/ references, overrides). */
  env?: Record<string, string>;
  /** Bedrock endpoint (e.g. a running emulator's); sets QUARRY_AWS_ENDPOINT. */
  awsEndpoint?: string;
  s3Endpoint?: string;
  /** Where the gateway logs (default: a logger at TEST_LOG_LEVEL, silent unless set). */
  logger?: Logger;
}

export interface TestGateway {
  baseUrl: string;
  masterKey: string;
  /** The variables the gateway was configured from (to start another one like it). */
  env: NodeJS.ProcessEnv;
  config: AppConfig;
  app: NestFastifyApplication;
  /** fetch() against the gateway with the given key (default: the master key). */
  request(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  /** Closes the gateway; later calls wait for the same close (so cleanup hooks may call it again). */
  close(): Promise<void>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const masterKey = `sk-master-${randomBytes(12).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: process.env.DATABASE_URL,
    QUARRY_MASTER_KEY: masterKey,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AWS_REGION: 'us-east-1',
    // Each gateway its own data directory: spend one test spills must never be replayed by another.
    QUARRY_DATA_DIR: await newTempDirectory('quarry-data-'),
    ...(options.awsEndpoint ? { QUARRY_AWS_ENDPOINT: options.awsEndpoint } : {}),
    ...(options.s3Endpoint ? { QUARRY_S3_ENDPOINT: options.s3Endpoint } : {}),
    ...options.env,
  };
  if (options.configYaml !== undefined) env.QUARRY_CONFIG = await writeTempConfig(options.configYaml);
  const app = await createGateway({ env, logger: options.logger });
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let closing: Promise<void> | undefined;

  return {
    baseUrl,
    masterKey,
    env,
    config,
    app,
    request(path, init = {}) {
      const { key = masterKey, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set('authorization', `Bearer ${key}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      });
    },
    close: () => (closing ??= app.close()),
  };
}

async function newTempDirectory(prefix: string): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  return mkdtemp(join(tmpdir(), prefix));
}

async function writeTempConfig(yamlText: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const directory = await newTempDirectory('quarry-config-');
  const path = join(directory, 'config.yaml');
  await writeFile(path, yamlText);
  return path;
}
