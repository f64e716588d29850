// The gateway's bedrock-runtime client decodes event streams with its own plumbing around the SDK's codec
// and deserializers (lean-event-stream-marshaller.ts, runtime-protocol.ts). Against the emulator, every
// stream it reads must equal what a stock SDK client reads from the same request: the same events in the
// same order, and the same typed exception where a stream breaks.
import {
  type BedrockRuntimeClient,
  ConverseStreamCommand,
  InvokeModelWithResponseStreamCommand,
  ModelStreamErrorException,
  type ConverseStreamCommandInput,
  type InvokeModelWithResponseStreamCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamMarshaller } from '@smithy/core/event-streams';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { BedrockClientCache } from '../../libs/bedrock/src/clients/bedrock-client-cache';
import { HAIKU, runtimeClient } from '../emulator/runtime-clients';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../support/emulator-credentials';

let emulator: RunningEmulator;
let stock: BedrockRuntimeClient;
const cache = new BedrockClientCache();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  // The SDK's defaults, over HTTP/1.1 like the gateway's client.
  stock = runtimeClient(emulator.endpoint, 'http1', { maxAttempts: 1 });
});

afterAll(async () => {
  stock?.destroy();
  cache.close();
  await emulator?.close();
});

const gateway = () =>
  cache.runtime({
    region: EMULATOR_REGION,
    endpoint: emulator.endpoint,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });

interface Read {
  events: string[];
  failure?: { name: string; message: string; type: unknown; originalStatusCode?: number };
}

/** Every event as JSON (chunk bytes parsed, timings left out), then the error that ended the stream. */
async function read(stream: AsyncIterable<object> | undefined): Promise<Read> {
  const events: string[] = [];
  try {
    for await (const event of stream ?? []) events.push(JSON.stringify(event, withoutTimings));
  } catch (error) {
    const { name, message, originalStatusCode } = error as ModelStreamErrorException;
    return { events, failure: { name, message, type: error?.constructor, originalStatusCode } };
  }
  return { events };
}

function withoutTimings(key: string, value: unknown): unknown {
  if (/latency/i.test(key)) return undefined;
  // Native chunks are JSON documents with their own timings inside.
  if (value instanceof Uint8Array) return JSON.parse(Buffer.from(value).toString('utf8'));
  return value;
}

const converse = async (client: BedrockRuntimeClient, input: ConverseStreamCommandInput) =>
  read((await client.send(new ConverseStreamCommand(input))).stream);

const invoke = async (client: BedrockRuntimeClient, input: InvokeModelWithResponseStreamCommandInput) =>
  read((await client.send(new InvokeModelWithResponseStreamCommand(input))).body);

describe("the gateway's event-stream decoding", () => {
  it("is not the SDK's default marshaller (so the comparisons below test Quarry's)", () => {
    expect(gateway().config.eventStreamMarshaller).not.toBeInstanceOf(EventStreamMarshaller);
    expect(stock.config.eventStreamMarshaller).toBeInstanceOf(EventStreamMarshaller);
  });

  it('reads reasoning, text and tool-use events exactly as the stock SDK does', async () => {
    const input: ConverseStreamCommandInput = {
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user', content: [{ text: 'Please run lookup_stock for Amazon shares' }] }],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'lookup_stock',
              inputSchema: { json: { type: 'object', properties: { ticker: { type: 'string' } } } },
            },
          },
        ],
      },
      inferenceConfig: { maxTokens: 3000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    };
    const ours = await converse(gateway(), input);
    expect(ours).toEqual(await converse(stock, input));
    const kinds = new Set(ours.events.map((event) => Object.keys(JSON.parse(event))[0]));
    expect(kinds).toEqual(
      new Set([
        'messageStart',
        'contentBlockStart',
        'contentBlockDelta',
        'contentBlockStop',
        'messageStop',
        'metadata',
      ]),
    );
    expect(ours.events.some((event) => event.includes('reasoningContent'))).toBe(true);
  });

  it('reads a stream whose events arrive one by one, paced by the model', async () => {
    const input: ConverseStreamCommandInput = {
      modelId: `${HAIKU}~tps:2000`,
      messages: [
        { role: 'user', content: [{ text: 'Tell me a slightly longer story, one token at a time' }] },
      ],
    };
    const ours = await converse(gateway(), input);
    expect(ours).toEqual(await converse(stock, input));
    expect(ours.events.length).toBeGreaterThan(10);
  });

  it('ends with the same typed exception when the model fails midway', async () => {
    const input: ConverseStreamCommandInput = {
      modelId: `${HAIKU}~midstream`,
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    };
    const ours = await converse(gateway(), input);
    expect(ours).toEqual(await converse(stock, input));
    expect(ours.failure).toMatchObject({ type: ModelStreamErrorException, originalStatusCode: 500 });
    expect(ours.events.length).toBeGreaterThan(0);
  });

  it('reads InvokeModelWithResponseStream chunks, and their midstream exception, as the stock SDK does', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 300,
      messages: [{ role: 'user', content: 'stream me please' }],
    });
    for (const modelId of [HAIKU, `${HAIKU}~midstream`]) {
      const input = { modelId, contentType: 'application/json', body };
      const ours = await invoke(gateway(), input);
      expect(ours).toEqual(await invoke(stock, input));
      expect(ours.events.length).toBeGreaterThan(1);
    }
  });
});
