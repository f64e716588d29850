// The gateway process's configuration as an operator meets it: bad settings stop start-up with exit code
// 1 and every problem named (never a secret echoed), LOG_LEVEL decides what reaches stdout, and
// QUARRY_SHUTDOWN_GRACE_SECONDS how long a SIGTERM waits for open streams.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { testDatabaseUrl } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { waitUntil } from '../support/polling';
import {
  buildGateway,
  exitOf,
  startGatewayProcess,
  type GatewayBuild,
  type GatewayProcess,
} from '../support/gateway-process';

let build: GatewayBuild;
const started: GatewayProcess[] = [];

beforeAll(() => {
  build = buildGateway();
}, 60_000);

afterAll(() => {
  for (const gateway of started) gateway.kill();
  build?.remove();
});

const masterKey = () => `sk-startup-${randomBytes(12).toString('hex')}`;

function start(env: Record<string, string>): GatewayProcess {
  const gateway = startGatewayProcess(build.mainPath, {
    PORT: '0',
    HOST: '127.0.0.1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  });
  started.push(gateway);
  return gateway;
}

function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('start-up failures exit with code 1', () => {
  it('names every bad variable at once and echoes none of the rejected values', async () => {
    const rejectedKey = `not-a-key-${randomBytes(8).toString('hex')}`;
    const gateway = start({
      DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/quarry',
      QUARRY_MASTER_KEY: rejectedKey,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      QUARRY_SHUTDOWN_GRACE_SECONDS: 'forever',
      QUARRY_S3_ENDPOINT: 'localhost:9000',
    });
    expect(await exitOf(gateway, 20_000)).toEqual({ code: 1, signal: null });
    for (const name of [
      'DATABASE_URL',
      'QUARRY_MASTER_KEY',
      'PORT',
      'LOG_LEVEL',
      'QUARRY_SHUTDOWN_GRACE_SECONDS',
      'QUARRY_S3_ENDPOINT',
    ])
      expect(gateway.stderr).toContain(name);
    expect(gateway.stderr).not.toContain(rejectedKey);
    expect(gateway.stderr).not.toContain('hunter2');
    expect(gateway.stdout).not.toContain('listening');
  });

  it('refuses a QUARRY_CONFIG that does not exist, naming the file', async () => {
    const missing = path.join(tmpdir(), `quarry-no-such-config-${randomBytes(4).toString('hex')}.yaml`);
    const gateway = start({
      DATABASE_URL: testDatabaseUrl(),
      QUARRY_MASTER_KEY: masterKey(),
      QUARRY_CONFIG: missing,
    });
    expect(await exitOf(gateway, 20_000)).toEqual({ code: 1, signal: null });
    expect(gateway.stderr).toContain(`QUARRY_CONFIG: cannot read ${missing} (ENOENT)`);
    expect(gateway.stdout).not.toContain('listening');
  });

  it('refuses malformed deployment switches and extra_headers, naming the model and field, echoing no header value', async () => {
    const configPath = path.join(mkdtempSync(path.join(tmpdir(), 'quarry-startup-')), 'config.yaml');
    writeFileSync(
      configPath,
      [
        'model_list:',
        '  - model_name: corp-proxy',
        '    litellm_params:',
        '      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        EMULATOR_CREDENTIALS_YAML.replace(/^\n/, ''),
        '      modify_params: "yes"',
        '      user_continue_message: Please continue',
        '      extra_headers: {authorization: "Basic c2VjcmV0LXByb3h5", connection: close}',
      ].join('\n'),
    );
    const gateway = start({
      DATABASE_URL: testDatabaseUrl(),
      QUARRY_MASTER_KEY: masterKey(),
      QUARRY_CONFIG: configPath,
    });
    expect(await exitOf(gateway, 20_000)).toEqual({ code: 1, signal: null });
    for (const field of [
      'model_list.0.litellm_params.modify_params of model "corp-proxy"',
      'model_list.0.litellm_params.user_continue_message of model "corp-proxy"',
      'model_list.0.litellm_params.extra_headers.authorization of model "corp-proxy"',
      'model_list.0.litellm_params.extra_headers.connection of model "corp-proxy"',
    ])
      expect(gateway.stderr).toContain(field);
    expect(`${gateway.stdout}${gateway.stderr}`).not.toContain('c2VjcmV0LXByb3h5');
    expect(gateway.stdout).not.toContain('listening');
  });

  it('stops when the database cannot be reached, without printing its password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const gateway = start({
      DATABASE_URL: `postgresql://postgres:db-password-${port}@127.0.0.1:${port}/quarry`,
      QUARRY_MASTER_KEY: masterKey(),
    });
    expect(await exitOf(gateway, 30_000)).toEqual({ code: 1, signal: null });
    expect(gateway.stderr).toContain('Quarry failed to start');
    expect(`${gateway.stdout}${gateway.stderr}`).not.toContain(`db-password-${port}`);
    expect(gateway.stdout).not.toContain('listening');
  });
});

describe('LOG_LEVEL', () => {
  it('at debug, logs start-up details and one line per request', async () => {
    const gateway = start({
      DATABASE_URL: testDatabaseUrl(),
      QUARRY_MASTER_KEY: masterKey(),
      LOG_LEVEL: 'debug',
    });
    const baseUrl = await gateway.listening();
    expect(
      (await fetch(`${baseUrl}/health/liveliness`, { headers: { 'x-request-id': 'debug-probe' } })).status,
    ).toBe(200);
    await waitUntil('the debug line of the probe request', () =>
      jsonLines(gateway.stdout).some((line) => line.reqId === 'debug-probe'),
    );
    gateway.child.kill('SIGTERM');
    expect(await exitOf(gateway, 30_000)).toEqual({ code: 0, signal: null });
    const lines = jsonLines(gateway.stdout);
    expect(lines.some((line) => line.level === 'debug' && line.context === 'RoutesResolver')).toBe(true);
    expect(lines.find((line) => line.reqId === 'debug-probe')).toMatchObject({
      level: 'info',
      msg: 'request',
      route: '/health/liveliness',
      status: 200,
    });
  });
});

describe('LOG_LEVEL=warn with QUARRY_SHUTDOWN_GRACE_SECONDS=1', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // Two tokens a second: the stream below would run for about a minute.
    emulator = await startEmulator({ port: 0, tokensPerSecond: 2 });
  });
  afterAll(() => emulator?.close());

  it('logs no request lines, and aborts a stream one second into the drain, then exits 0', async () => {
    const configPath = path.join(mkdtempSync(path.join(tmpdir(), 'quarry-startup-')), 'config.yaml');
    writeFileSync(
      configPath,
      `model_list:
  - model_name: crawl
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_bedrock_runtime_endpoint: ${emulator.endpoint}${EMULATOR_CREDENTIALS_YAML}
`,
    );
    const key = masterKey();
    const gateway = start({
      DATABASE_URL: testDatabaseUrl(),
      QUARRY_MASTER_KEY: key,
      QUARRY_CONFIG: configPath,
      LOG_LEVEL: 'warn',
      QUARRY_SHUTDOWN_GRACE_SECONDS: '1',
    });
    const baseUrl = await gateway.listening();
    expect((await fetch(`${baseUrl}/health/liveliness`)).status).toBe(200);
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'crawl',
        stream: true,
        messages: [{ role: 'user', content: 'tell me a story about granite, marble, slate and limestone' }],
      }),
    });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"content"')) text += new TextDecoder().decode((await reader.read()).value);

    gateway.child.kill('SIGTERM');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('shutting_down');
    expect(await exitOf(gateway, 30_000)).toEqual({ code: 0, signal: null });
    const lines = jsonLines(gateway.stdout);
    expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
    expect(lines.find((line) => String(line.msg).includes('grace period over'))).toMatchObject({
      level: 'warn',
      graceMs: 1000,
    });
  });
});
