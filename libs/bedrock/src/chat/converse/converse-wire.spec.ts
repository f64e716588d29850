// The fixtures are hand-written; the AWS SDK is the reference for the wire. Differential checks:
// - requests: each request fixture's translation is serialized by a stock BedrockRuntimeClient (its own
//   restJson1 protocol, against a request handler that only captures, no network), and the body it
//   would send must be exactly the fixture's expected wire JSON (its path: the fixture's model id);
// - responses: the Converse body and the ConverseStream events of bedrock-wire.md §2.1/§2.2, framed
//   with the SDK's event-stream codec (not the emulator's encoder), must deserialize to the SDK-shaped
//   fixtures the response and stream specs use.
import { Readable } from 'node:stream';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { encodeEventFrame } from '@quarry/testing';
import {
  converseWithReasoningTextAndTool,
  streamWithReasoningTextAndTool,
} from './__fixtures__/converse-fixtures';
import { requestFixtures, translateFixture } from './__fixtures__/request-fixtures';

/** A stock SDK client whose transport records the request and answers with `respond`. */
function sdkClient(respond: () => HttpResponse = () => new HttpResponse({ statusCode: 200, body: '{}' })) {
  const sent: HttpRequest[] = [];
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    // Without this, AWS_BEARER_TOKEN_BEDROCK in the environment would switch the client to bearer auth.
    authSchemePreference: ['sigv4'],
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        return { response: respond() };
      },
    },
  });
  return { client, sent };
}

describe('request fixtures against the SDK serializer', () => {
  it.each(requestFixtures)('%s', async (_name, fixture) => {
    const { input } = await translateFixture(fixture);
    const { client, sent } = sdkClient(() => new HttpResponse({ statusCode: 400, body: '{}' }));
    const command = fixture.options?.stream ? new ConverseStreamCommand(input) : new ConverseCommand(input);
    await client.send(command as ConverseCommand).catch(() => undefined);
    client.destroy();

    expect(sent).toHaveLength(1);
    const { modelId, ...expectedBody } = fixture.expected.input;
    const operation = fixture.options?.stream ? 'converse-stream' : 'converse';
    expect(sent[0].path).toBe(`/model/${encodeURIComponent(String(modelId))}/${operation}`);
    expect(JSON.parse(new TextDecoder().decode(sent[0].body as Uint8Array))).toEqual(expectedBody);
  });
});

/** bedrock-wire.md §2.1: a Converse response body as Bedrock sends it (the SDK ignores unknown members). */
const CONVERSE_BODY = {
  output: {
    message: {
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'The user wants weather.', signature: 'sig-abc' } } },
        { text: 'It looks like a PNG header.' },
        { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather', input: { city: 'Paris' } } },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: {
    inputTokens: 12,
    outputTokens: 5,
    totalTokens: 17,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
  },
  metrics: { latencyMs: 42 },
};

/** bedrock-wire.md §2.2: the event payloads, each with the random padding field real Bedrock adds. */
const STREAM_EVENTS: Array<[string, Record<string, unknown>]> = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'thinking...' } } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: ' done' } } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig123' } } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Hello' } }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: ', checking.' } }],
  ['contentBlockStop', { contentBlockIndex: 1 }],
  [
    'contentBlockStart',
    { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather' } } },
  ],
  ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } }],
  ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } }],
  ['contentBlockStop', { contentBlockIndex: 2 }],
  ['messageStop', { stopReason: 'tool_use', additionalModelResponseFields: {} }],
  [
    'metadata',
    { usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 }, metrics: { latencyMs: 123 } },
  ],
];

describe('response fixtures against the SDK deserializer', () => {
  it('the Converse output fixture is what the SDK makes of the §2.1 body', async () => {
    const { client } = sdkClient(
      () =>
        new HttpResponse({
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: Readable.from([Buffer.from(JSON.stringify(CONVERSE_BODY))]),
        }),
    );
    const output = await client.send(new ConverseCommand({ modelId: 'm', messages: [] }));
    client.destroy();
    const { $metadata: _metadata, ...rest } = output;
    const { $metadata: _fixtureMetadata, ...expected } = converseWithReasoningTextAndTool;
    expect(rest).toEqual(expected);
  });

  it('the ConverseStream events fixture is what the SDK makes of the §2.2 frames', async () => {
    const frames = STREAM_EVENTS.map(([eventType, payload], index) =>
      encodeEventFrame('event', eventType, { ...payload, p: 'abcdefghij'.slice(0, 1 + (index % 10)) }),
    );
    const { client } = sdkClient(
      () =>
        new HttpResponse({
          statusCode: 200,
          headers: { 'content-type': 'application/vnd.amazon.eventstream' },
          body: Readable.from(frames.map((frame) => Buffer.from(frame))),
        }),
    );
    const output = await client.send(new ConverseStreamCommand({ modelId: 'm', messages: [] }));
    const events: ConverseStreamOutput[] = [];
    for await (const event of output.stream!) events.push(event);
    client.destroy();
    expect(events).toEqual(streamWithReasoningTextAndTool);
  });
});
