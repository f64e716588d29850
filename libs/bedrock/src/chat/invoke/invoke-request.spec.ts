// The InvokeModel request side beyond the per-format fixtures: parameters checked as on Converse,
// thinking and tool history in the Anthropic body, members InvokeModel carries as headers, refusals.
import type { ChatCompletionRequest } from '@quarry/openai';
import { capabilitiesFor } from '../../capabilities/capabilities-for';
import { familyOf } from '../../model-family';
import type { InvokeSpec } from '../../route';
import { toInvokeRequest } from './invoke-request';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

async function translated(
  model: string,
  request: Record<string, unknown>,
  options: { dropParams?: boolean; spec?: InvokeSpec; deploymentParams?: Record<string, unknown> } = {},
) {
  const result = await toInvokeRequest({ model: 'm', ...request } as unknown as ChatCompletionRequest, {
    modelId: model,
    capabilities: capabilitiesFor(model),
    dropParams: options.dropParams ?? false,
    modifyParams: false,
    deploymentParams: options.deploymentParams ?? {},
    fetchImage: () => Promise.reject(new Error('no fetch')),
    route: { baseModelId: model, family: familyOf(model), invokeSpec: options.spec },
  });
  return { ...result, body: JSON.parse(Buffer.from(result.input.body as Uint8Array).toString('utf8')) };
}

const user = [{ role: 'user', content: 'Hi' }];

describe('toInvokeRequest', () => {
  it('turns reasoning_effort into Claude thinking with a budget, as on Converse', async () => {
    const { body } = await translated(SONNET, { messages: user, reasoning_effort: 'low', max_tokens: 8000 });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: expect.any(Number) });
    expect(body.max_tokens).toBe(8000);
  });

  it('replays a tool call and its result as tool_use and tool_result blocks', async () => {
    const { body } = await translated(SONNET, {
      messages: [
        ...user,
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'done' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }],
    });
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }],
    });
    expect(body.messages[2].content[0]).toMatchObject({
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [{ type: 'text', text: 'done' }],
    });
  });

  it('refuses OpenAI parameters Bedrock lacks exactly as Converse does, and drops them under drop_params', async () => {
    await expect(translated(SONNET, { messages: user, seed: 1 })).rejects.toMatchObject({
      status: 400,
      param: 'seed',
    });
    await expect(
      translated(SONNET, { messages: user, seed: 1 }, { dropParams: true }),
    ).resolves.toBeDefined();
  });

  it('refuses images for a text-only format, naming the content part', async () => {
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } };
    await expect(
      translated('meta.llama3-8b-instruct-v1:0', { messages: [{ role: 'user', content: [image] }] }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('refuses stop for Kimi (moonshot/), whose body has none, unless drop_params', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/kimi';
    await expect(
      translated(arn, { messages: user, stop: ['x'] }, { spec: 'moonshot' }),
    ).rejects.toMatchObject({ param: 'stop' });
    const { body } = await translated(
      arn,
      { messages: user, stop: ['x'] },
      { spec: 'moonshot', dropParams: true },
    );
    expect(body).toEqual({ messages: user });
  });

  it('sends a deployment guardrail and latency setting as InvokeModel members, not in the body', async () => {
    const { input, body } = await translated(
      'meta.llama3-8b-instruct-v1:0',
      { messages: user },
      {
        deploymentParams: {
          guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '2', trace: 'enabled' },
          performanceConfig: { latency: 'optimized' },
        },
      },
    );
    expect(input).toMatchObject({
      guardrailIdentifier: 'gr-1',
      guardrailVersion: '2',
      trace: 'ENABLED',
      performanceConfigLatency: 'optimized',
    });
    expect(Object.keys(body)).toEqual(['prompt']);
  });

  it('gives Claude 2 the required max_tokens_to_sample when the client sent none', async () => {
    const { body } = await translated('anthropic.claude-v2', { messages: user });
    expect(body).toEqual({ prompt: '\n\nHuman: Hi\n\nAssistant:', max_tokens_to_sample: 4096 });
  });

  it('answers 400 for a model with no InvokeModel chat format', async () => {
    await expect(translated('writer.palmyra-x5-v1:0', { messages: user })).rejects.toMatchObject({
      status: 400,
      param: 'model',
    });
  });
});
