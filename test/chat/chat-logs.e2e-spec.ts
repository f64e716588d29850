// What the gateway logs while serving chat: one request line per call with its route and status,
// streamed or not, and no warnings for calls that went well.
import OpenAI from 'openai';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { capturingLogger, WARN_LEVEL } from '../support/captured-logs';
import { waitUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant } from '../support/tenants';
import { deployment } from './chat-fixture';

let emulator: RunningEmulator;
let gateway: TestGateway;
let client: OpenAI;
const { logger, lines } = capturingLogger('info');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({
    configYaml: `model_list:${deployment('claude-haiku', 'bedrock/anthropic.claude-3-haiku-20240307-v1:0')}`,
    awsEndpoint: emulator.endpoint,
    logger,
  });
  const tenant = await createTenant(gateway, { keyModels: ['claude-haiku'] });
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

it('logs no warning for streamed and plain completions', async () => {
  lines.length = 0;
  const stream = await client.chat.completions.create({
    model: 'claude-haiku',
    messages: [{ role: 'user', content: 'Hello there' }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  const plain = await client.chat.completions.create({
    model: 'claude-haiku',
    messages: [{ role: 'user', content: 'Hello there' }],
  });
  expect(text.length).toBeGreaterThan(0);
  expect(plain.choices[0].message.content).toBe(text);
  // The request line is written when the response has been sent, which may be after the client read it.
  const requestLines = () => lines.filter((line) => line.msg === 'request');
  await waitUntil('a request line for each call', () => requestLines().length >= 2);
  expect(lines.filter((line) => line.level >= WARN_LEVEL)).toEqual([]);
  expect(requestLines()).toEqual([
    expect.objectContaining({ route: '/v1/chat/completions', status: 200 }),
    expect.objectContaining({ route: '/v1/chat/completions', status: 200 }),
  ]);
});
