// Every InvokeModel body format against its wire fixture: the OpenAI request → the native body, the
// native answer → the OpenAI message, the native stream chunks → the OpenAI chunk sequence.
import type { InvokeModelCommandOutput, ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionChunk, ChatCompletionRequest } from '@quarry/openai';
import { capabilitiesFor } from '../../capabilities/capabilities-for';
import { familyOf } from '../../model-family';
import { ConverseStreamTranslator } from '../converse/converse-stream';
import { CHAT_FORMAT_FIXTURES } from './__fixtures__/chat-format-fixtures';
import { STRUCTURED_FORMAT_FIXTURES } from './__fixtures__/structured-format-fixtures';
import { TEXT_FORMAT_FIXTURES } from './__fixtures__/text-format-fixtures';
import type { InvokeFixture } from './__fixtures__/invoke-fixture';
import { toInvokeRequest } from './invoke-request';
import { fromInvokeResponse } from './invoke-response';
import { invokeStreamEvents } from './invoke-stream';
import { invocationMetricsPlugin } from '../../clients/invocation-metrics';

const noFetch = () => Promise.reject(new Error('no fetch in fixtures'));
const meta = (context: Awaited<ReturnType<typeof toInvokeRequest>>['context']) => ({
  id: 'chatcmpl-1',
  created: 1,
  model: 'm',
  context,
});

function translate(fixture: InvokeFixture) {
  return toInvokeRequest(fixture.request as unknown as ChatCompletionRequest, {
    modelId: fixture.model,
    capabilities: capabilitiesFor(fixture.model),
    dropParams: false,
    modifyParams: false,
    deploymentParams: {},
    fetchImage: noFetch,
    route: { baseModelId: fixture.model, family: familyOf(fixture.model), invokeSpec: fixture.invokeSpec },
    anthropicBeta: fixture.anthropicBeta,
  });
}

/** An InvokeModel output as the SDK gives it, headers' token counts attached by the metrics plugin. */
async function outputWith(fixture: InvokeFixture): Promise<InvokeModelCommandOutput> {
  const output = {
    $metadata: {},
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(fixture.answer)),
  };
  if (!fixture.headerUsage) return output as unknown as InvokeModelCommandOutput;
  const headers: Record<string, string> = {
    'x-amzn-bedrock-input-token-count': String(fixture.headerUsage.inputTokens),
    'x-amzn-bedrock-output-token-count': String(fixture.headerUsage.outputTokens),
  };
  let middleware:
    | ((next: unknown, context: { commandName: string }) => (args: unknown) => Promise<{ output: object }>)
    | undefined;
  invocationMetricsPlugin().applyToStack({
    add: (added: typeof middleware) => (middleware = added),
  } as never);
  const result = await middleware!(async () => ({ output, response: { headers } }), {
    commandName: 'InvokeModelCommand',
  })({});
  return result.output as InvokeModelCommandOutput;
}

async function* wire(chunks: Array<Record<string, unknown>>): AsyncGenerator<ResponseStream> {
  for (const chunk of chunks) yield { chunk: { bytes: Buffer.from(JSON.stringify(chunk)) } };
}

describe.each([...TEXT_FORMAT_FIXTURES, ...STRUCTURED_FORMAT_FIXTURES, ...CHAT_FORMAT_FIXTURES])(
  'InvokeModel format: $name',
  (fixture) => {
    it('builds the native body', async () => {
      const translated = await translate(fixture);
      expect(JSON.parse(Buffer.from(translated.input.body as Uint8Array).toString('utf8'))).toEqual(
        fixture.body,
      );
    });

    it('reads the native answer as an OpenAI completion', async () => {
      const translated = await translate(fixture);
      const { completion } = fromInvokeResponse(
        await outputWith(fixture),
        translated.format,
        meta(translated.context),
      );
      expect(completion.choices[0].message).toMatchObject(fixture.message);
      expect(completion.choices[0].finish_reason).toBe(fixture.finishReason);
      expect(completion.usage).toMatchObject(fixture.usage);
    });

    it('streams role first, the deltas, one finish chunk, then the invocation metrics as usage', async () => {
      const translated = await translate(fixture);
      const translator = new ConverseStreamTranslator({ ...meta(translated.context), includeUsage: true });
      const chunks: ChatCompletionChunk[] = [];
      for await (const event of invokeStreamEvents(wire(fixture.chunks), translated.format))
        chunks.push(...translator.translate(event));
      chunks.push(...translator.finish());
      expect(chunks[0].choices[0].delta.role).toBe('assistant');
      const deltas = chunks.map((chunk) => chunk.choices[0]?.delta ?? {});
      expect(deltas.map((delta) => delta.content ?? '').join('')).toBe(fixture.streamed.content);
      expect(deltas.map((delta) => delta.reasoning_content ?? '').join('')).toBe(
        fixture.streamed.reasoning ?? '',
      );
      const names = deltas
        .flatMap((delta) => (delta.tool_calls ?? []).map((call) => call.function?.name))
        .filter(Boolean);
      expect(names).toEqual(fixture.streamed.toolCallNames ?? []);
      const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
      expect(finishes.map((chunk) => chunk.choices[0].finish_reason)).toEqual([
        fixture.streamed.finishReason,
      ]);
      expect(chunks[chunks.length - 1].usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 3 });
    });
  },
);
