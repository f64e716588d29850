// The response side of the chat path against the emulator through the real SDK: cached clients,
// Converse and ConverseStream translated to OpenAI shapes, cost, retries and error mapping.
import { randomUUID } from 'node:crypto';
import {
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionChunk } from '@quarry/openai';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { capabilitiesFor } from '../../libs/bedrock/src/capabilities/capabilities-for';
import { fromConverseResponse } from '../../libs/bedrock/src/chat/converse/converse-response';
import { ConverseStreamTranslator } from '../../libs/bedrock/src/chat/converse/converse-stream';
import type { TranslationContext } from '../../libs/bedrock/src/chat/converse/translation-context';
import { BedrockClientCache } from '../../libs/bedrock/src/clients/bedrock-client-cache';
import { isRetryable, toOpenAIError } from '../../libs/bedrock/src/errors';
import { costOf } from '../../libs/bedrock/src/pricing/cost-of';
import { priceFor } from '../../libs/bedrock/src/pricing/price-table';
import { withRetries } from '../../libs/bedrock/src/retry/with-retries';
import { parseDeploymentModel } from '../../libs/bedrock/src/route';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../support/emulator-credentials';

let emulator: RunningEmulator;
const cache = new BedrockClientCache();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  cache.close();
  await emulator?.close();
});

const client = () =>
  cache.runtime({
    region: EMULATOR_REGION,
    endpoint: emulator.endpoint,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });

function contextFor(baseModelId: string): TranslationContext {
  return { toolNames: new Map(), jsonMode: { kind: 'none' }, capabilities: capabilitiesFor(baseModelId) };
}

const meta = { id: 'chatcmpl-e2e', created: 1_763_000_000, model: 'claude-haiku' };
const messages = [{ role: 'user' as const, content: [{ text: 'Hello from the gateway' }] }];

describe('chat response translation against the emulator', () => {
  const route = parseDeploymentModel('bedrock/us.anthropic.claude-3-haiku-20240307-v1:0');

  it('translates a Converse answer and prices it by the cross-region profile', async () => {
    const output = await client().send(new ConverseCommand({ modelId: route.modelId, messages }));
    const { completion, usage } = fromConverseResponse(output, {
      ...meta,
      context: contextFor(route.baseModelId),
    });

    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.choices[0].message.content).toContain('Hello from the gateway');
    expect(completion.usage.prompt_tokens).toBe(
      usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
    );
    const price = priceFor(route.pricingKey);
    expect(price?.key).toBe('us.anthropic.claude-3-haiku-20240307-v1:0');
    expect(costOf(usage, price!)).toBeGreaterThan(0);
  });

  it('streams the same text as OpenAI chunks: role first, one finish chunk, usage last', async () => {
    const whole = await client().send(new ConverseCommand({ modelId: route.modelId, messages }));
    const expectedText = fromConverseResponse(whole, { ...meta, context: contextFor(route.baseModelId) })
      .completion.choices[0].message.content;

    const output = await client().send(new ConverseStreamCommand({ modelId: route.modelId, messages }));
    const translator = new ConverseStreamTranslator({
      ...meta,
      context: contextFor(route.baseModelId),
      includeUsage: true,
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const event of output.stream as AsyncIterable<ConverseStreamOutput>)
      chunks.push(...translator.translate(event));
    chunks.push(...translator.finish());

    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const finishing = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishing).toHaveLength(1);
    expect(chunks[chunks.length - 2]).toBe(finishing[0]);
    expect(chunks[chunks.length - 1].choices).toEqual([]);
    expect(chunks[chunks.length - 1].usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(expectedText);
    expect(translator.usageReceived).toBe(true);
  });

  it('streams a forced tool call with the client tool name, arguments reassembling to the same JSON', async () => {
    const toolConfig = {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Current weather for a city',
            inputSchema: {
              json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
          },
        },
      ],
      toolChoice: { tool: { name: 'get_weather' } },
    };
    const context = {
      ...contextFor(route.baseModelId),
      toolNames: new Map([['get_weather', 'weather.get']]),
    };
    const whole = await client().send(new ConverseCommand({ modelId: route.modelId, messages, toolConfig }));
    const call = fromConverseResponse(whole, { ...meta, context }).completion.choices[0].message
      .tool_calls?.[0];
    expect(call?.function.name).toBe('weather.get');

    const output = await client().send(
      new ConverseStreamCommand({ modelId: route.modelId, messages, toolConfig }),
    );
    const translator = new ConverseStreamTranslator({ ...meta, context, includeUsage: false });
    const chunks: ChatCompletionChunk[] = [];
    for await (const event of output.stream as AsyncIterable<ConverseStreamOutput>)
      chunks.push(...translator.translate(event));
    chunks.push(...translator.finish());

    const fragments = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(fragments[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'weather.get', arguments: '' },
    });
    expect(fragments.every((fragment) => fragment.index === 0)).toBe(true);
    const streamedArguments = fragments.map((fragment) => fragment.function.arguments).join('');
    expect(JSON.parse(streamedArguments)).toEqual(JSON.parse(call!.function.arguments));
    expect(translator.finishReason).toBe('tool_calls');
  });

  it('retries a throttled call before the first byte and then succeeds', async () => {
    const modelId = `${route.modelId}~throttle:1,nonce:${randomUUID()}`;
    const attempts: number[] = [];
    const output = await withRetries(
      (attemptNumber) => {
        attempts.push(attemptNumber);
        return client().send(new ConverseCommand({ modelId, messages }));
      },
      { retries: 2, baseDelayMs: 1, isRetryable },
    );
    expect(attempts).toEqual([1, 2]);
    expect(output.stopReason).toBe('end_turn');
  });

  it('maps persistent throttling to 429 with Retry-After and a mid-stream failure to 502', async () => {
    const throttled = await client()
      .send(new ConverseCommand({ modelId: `${route.modelId}~throttle`, messages }))
      .catch((error: unknown) => error);
    const mapped = toOpenAIError(throttled);
    expect([mapped.status, mapped.type, mapped.code]).toEqual([
      429,
      'rate_limit_error',
      'ThrottlingException',
    ]);
    expect(mapped.headers['Retry-After']).toBeDefined();

    const output = await client().send(
      new ConverseStreamCommand({ modelId: `${route.modelId}~midstream`, messages }),
    );
    const failure = await (async () => {
      try {
        for await (const _event of output.stream as AsyncIterable<ConverseStreamOutput>) void _event;
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeDefined();
    expect(toOpenAIError(failure).status).toBe(502);
    expect(isRetryable(failure)).toBe(false);
  });
});
