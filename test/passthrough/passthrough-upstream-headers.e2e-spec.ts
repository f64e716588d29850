// What reaches Bedrock from a passthrough call, seen by a stand-in upstream that records each request:
// the client's bytes unchanged, the operation's own headers, and the gateway's signature (or the
// deployment's Bedrock API key) — never the client's Authorization, signing or security headers,
// cookies or gateway key headers.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_CREDENTIALS } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

interface Recorded {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let upstream: Server;
let recorded: Recorded[] = [];
let gateway: TestGateway;
let key: string;

const CONVERSE_ANSWER = JSON.stringify({
  output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
  metrics: { latencyMs: 1 },
});

beforeAll(async () => {
  upstream = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      recorded.push({ url: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'upstream-1' });
      response.end(CONVERSE_ANSWER);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  gateway = await startTestGateway({
    awsEndpoint: endpoint,
    configYaml: `model_list:
  - model_name: keyed-nova
    litellm_params:
      model: bedrock/us.amazon.nova-lite-v1:0
      aws_bedrock_api_key: deployment-bedrock-api-key
      aws_region_name: us-west-2
`,
  });
  key = (await createKey(gateway, {})).key;
});

beforeEach(() => {
  recorded = [];
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => upstream?.close(resolve));
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

const BODY = Buffer.from(
  '{"messages":[{"role":"user","content":[{"text":"Hello"}]}],  "inferenceConfig":{"maxTokens":5}}',
);

const CLIENT_HEADERS = {
  'content-type': 'application/json',
  'x-litellm-api-key': '',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDCLIENT/20261203/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc',
  'x-amz-date': '20261203T000000Z',
  'x-amz-security-token': 'client-session-token',
  'x-amz-content-sha256': 'client-hash',
  'x-amz-source-arn': 'arn:aws:iam::111111111111:role/client',
  'x-api-key': 'sk-other',
  cookie: 'session=client-cookie',
  'x-forwarded-for': '10.0.0.1',
  'x-amzn-bedrock-trace': 'ENABLED',
  accept: 'application/json',
};

async function call(path: string): Promise<Response> {
  return fetch(`${gateway.baseUrl}/bedrock${path}`, {
    method: 'POST',
    headers: { ...CLIENT_HEADERS, 'x-litellm-api-key': key },
    body: BODY,
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const NEVER_FORWARDED = [
  'x-litellm-api-key',
  'x-api-key',
  'cookie',
  'x-forwarded-for',
  'x-amz-security-token',
  'x-amz-source-arn',
];

it('signs with the gateway’s default credentials, keeps the body’s bytes and drops the client’s headers', async () => {
  const response = await call('/model/cohere.command-r-v1:0/converse');
  expect(response.status).toBe(200);
  expect(await response.text()).toBe(CONVERSE_ANSWER);
  expect(response.headers.get('x-amzn-requestid')).toBe('upstream-1');
  const [seen] = recorded;
  expect(seen.url).toBe('/model/cohere.command-r-v1%3A0/converse');
  expect(seen.body.equals(BODY)).toBe(true);
  expect(seen.headers['x-amz-content-sha256']).toBe(sha256(BODY));
  expect(seen.headers.authorization).toMatch(
    new RegExp(
      `^AWS4-HMAC-SHA256 Credential=${EMULATOR_CREDENTIALS.accessKeyId}/\\d{8}/us-east-1/bedrock/aws4_request`,
    ),
  );
  expect(seen.headers['x-amz-date']).not.toBe(CLIENT_HEADERS['x-amz-date']);
  expect(seen.headers['x-amzn-bedrock-trace']).toBe('ENABLED');
  expect(seen.headers.accept).toBe('application/json');
  for (const name of NEVER_FORWARDED) expect(seen.headers).not.toHaveProperty(name);
});

it('sends a deployment’s Bedrock API key as the bearer token, in the deployment’s region, body streamed through', async () => {
  const response = await call('/model/keyed-nova/converse');
  expect(response.status).toBe(200);
  const [seen] = recorded;
  expect(seen.url).toBe('/model/us.amazon.nova-lite-v1%3A0/converse');
  expect(seen.headers.authorization).toBe('Bearer deployment-bedrock-api-key');
  expect(seen.body.equals(BODY)).toBe(true);
  for (const name of [...NEVER_FORWARDED, 'x-amz-date', 'x-amz-content-sha256'])
    expect(seen.headers).not.toHaveProperty(name);
});

it('relays any content type, and a body that declares none, without parsing it', async () => {
  const binary = Buffer.from([0, 1, 2, 250, 251, 252]);
  for (const headers of [{ 'content-type': 'application/octet-stream' }, {}] as Record<string, string>[]) {
    recorded = [];
    const response = await fetch(`${gateway.baseUrl}/bedrock/model/cohere.command-r-v1:0/invoke`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${key}` },
      body: binary,
    });
    expect(response.status).toBe(200);
    expect(recorded[0].body.equals(binary)).toBe(true);
    expect(recorded[0].headers['content-type']).toBe(headers['content-type']);
  }
});
