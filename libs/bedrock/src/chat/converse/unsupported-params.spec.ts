import { parseChatCompletionRequest } from '@quarry/openai';
import { translateForTest } from './__fixtures__/fixture-support';
import { isConnectionKey, isKnownRequestKey, rejectUnsupportedParams } from './unsupported-params';

const request = (fields: Record<string, unknown>) =>
  parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...fields });

describe('rejectUnsupportedParams', () => {
  it('lets default values through: they ask for nothing Bedrock lacks', () => {
    expect(() =>
      rejectUnsupportedParams(
        request({
          n: 1,
          logprobs: false,
          top_logprobs: 0,
          frequency_penalty: 0,
          presence_penalty: 0,
          logit_bias: {},
          modalities: ['text'],
          seed: null,
          audio: null,
          verbosity: 'medium',
          store: true,
          service_tier: 'auto',
          safety_identifier: 'x',
          prompt_cache_key: 'k',
        }),
        false,
      ),
    ).not.toThrow();
  });

  it('lets unsupported values through under drop_params, and the translation leaves them out', async () => {
    const fields = { n: 4, seed: 1234567, logprobs: true, top_logprobs: 3 };
    expect(() => rejectUnsupportedParams(request(fields), true)).not.toThrow();
    const { input } = await translateForTest(
      { messages: [{ role: 'user', content: 'hi' }], ...fields },
      'anthropic',
      {},
      { dropParams: true },
    );
    expect(input).toEqual({ modelId: 'test-model', messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
  });

  it('refuses the first unsupported value, naming it', () => {
    expect(() => rejectUnsupportedParams(request({ seed: 1 }), false)).toThrow(
      'seed is not supported by Bedrock; set drop_params to drop it',
    );
  });

  it('refuses any aws_ key, even unknown ones and under drop_params', () => {
    expect(() => rejectUnsupportedParams(request({ aws_anything: 'x' }), true)).toThrow(
      'gateway configuration',
    );
  });
});

describe('key classes', () => {
  it('separates OpenAI/gateway keys from provider-specific ones', () => {
    for (const key of ['temperature', 'stream_options', 'store', 'seed', 'drop_params', 'tags', 'api_base']) {
      expect(isKnownRequestKey(key)).toBe(true);
    }
    for (const key of [
      'top_k',
      'anthropic_beta',
      'guardrailConfig',
      'constructor',
      'toString',
      '__proto__',
    ]) {
      expect(isKnownRequestKey(key)).toBe(false);
    }
  });

  it('recognises deployment connection keys', () => {
    for (const key of ['aws_region_name', 'aws_secret_access_key', 'model', 'rpm', 'api_base']) {
      expect(isConnectionKey(key)).toBe(true);
    }
    expect(isConnectionKey('top_k')).toBe(false);
  });
});
