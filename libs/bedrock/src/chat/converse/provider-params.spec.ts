import { OpenAIError, parseChatCompletionRequest } from '@quarry/openai';
import { translateForTest } from './__fixtures__/fixture-support';
import { withDeploymentDefaults } from './provider-params';

const hi = [{ role: 'user', content: 'hi' }];

describe('withDeploymentDefaults', () => {
  const request = parseChatCompletionRequest({ model: 'm', messages: hi, temperature: 0.3 });

  it('fills OpenAI params the request left out, never overriding the request', () => {
    const merged = withDeploymentDefaults(request, { temperature: 0.9, max_tokens: 100, top_k: 5 });
    expect(merged.temperature).toBe(0.3);
    expect(merged.max_tokens).toBe(100);
    expect(merged.top_k).toBeUndefined();
    expect(request.max_tokens).toBeUndefined();
  });

  it('returns the request itself when nothing applies', () => {
    expect(withDeploymentDefaults(request, { top_k: 5, aws_region_name: 'us-east-1' })).toBe(request);
  });

  it('validates deployment values like client values', () => {
    expect(() => withDeploymentDefaults(request, { max_tokens: 0 })).toThrow(OpenAIError);
  });
});

describe('provider params', () => {
  it('passes model fields through for Mistral and Cohere', async () => {
    for (const family of ['mistral', 'cohere'] as const) {
      const { input } = await translateForTest({ messages: hi, top_k: 30, safe_prompt: true }, family);
      expect(input.additionalModelRequestFields).toEqual({ top_k: 30, safe_prompt: true });
    }
  });

  it('leaves out streamProcessingMode for a non-streaming call', async () => {
    const { input } = await translateForTest(
      {
        messages: hi,
        guardrailConfig: { guardrailIdentifier: 'g', guardrailVersion: '2', streamProcessingMode: 'sync' },
      },
      'meta',
    );
    expect(input.guardrailConfig).toEqual({ guardrailIdentifier: 'g', guardrailVersion: '2' });
  });

  it("refuses a request that would replace the deployment's guardrail or service tier", async () => {
    const deploymentParams = {
      guardrailConfig: { guardrailIdentifier: 'operator', guardrailVersion: '1' },
      serviceTier: 'default',
    };
    const guarded = await translateForTest({ messages: hi }, 'meta', {}, { deploymentParams });
    expect(guarded.input.guardrailConfig).toEqual({ guardrailIdentifier: 'operator', guardrailVersion: '1' });
    for (const [key, value] of [
      ['guardrailConfig', { guardrailIdentifier: 'looser', guardrailVersion: '1' }],
      ['serviceTier', 'priority'],
    ] as const) {
      await expect(
        translateForTest({ messages: hi, [key]: value }, 'meta', {}, { deploymentParams }),
      ).rejects.toMatchObject({
        status: 400,
        param: key,
        code: 'operator_controlled_param',
      });
    }
    // Without an operator setting, the request's own guardrail applies.
    const own = await translateForTest({ messages: hi, serviceTier: 'flex' }, 'meta');
    expect(own.input.serviceTier).toEqual({ type: 'flex' });
  });

  it("silently skips a deployment's model field that the family cannot take", async () => {
    const { input } = await translateForTest(
      { messages: hi },
      'meta',
      {},
      { deploymentParams: { top_k: 5 } },
    );
    expect(input.additionalModelRequestFields).toBeUndefined();
  });

  it('applies deployment defaults for OpenAI params end to end', async () => {
    const { input } = await translateForTest(
      { messages: hi },
      'meta',
      {},
      { deploymentParams: { max_tokens: 64 } },
    );
    expect(input.inferenceConfig).toEqual({ maxTokens: 64 });
  });

  it('passes additionalModelResponseFieldPaths and promptVariables through', async () => {
    const { input } = await translateForTest(
      {
        messages: hi,
        additionalModelResponseFieldPaths: ['/stop_sequence'],
        promptVariables: { topic: { text: 'x' } },
      },
      'anthropic',
    );
    expect(input.additionalModelResponseFieldPaths).toEqual(['/stop_sequence']);
    expect(input.promptVariables).toEqual({ topic: { text: 'x' } });
  });
});
