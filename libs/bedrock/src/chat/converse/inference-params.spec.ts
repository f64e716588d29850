import { parseChatCompletionRequest } from '@quarry/openai';
import { toInferenceConfig } from './inference-params';

const request = (fields: Record<string, unknown>) =>
  parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...fields });

describe('toInferenceConfig', () => {
  it('maps every OpenAI sampling field', () => {
    expect(
      toInferenceConfig(request({ max_tokens: 10, temperature: 0, top_p: 0.5, stop: 'STOP' }), false),
    ).toEqual({
      maxTokens: 10,
      temperature: 0,
      topP: 0.5,
      stopSequences: ['STOP'],
    });
  });

  it('prefers max_completion_tokens over the older max_tokens', () => {
    expect(toInferenceConfig(request({ max_tokens: 10, max_completion_tokens: 20 }), false).maxTokens).toBe(
      20,
    );
  });

  it('sends nothing for absent or empty values', () => {
    expect(toInferenceConfig(request({ stop: [''], temperature: null }), false)).toEqual({});
  });

  it('clamps a temperature above 1 under modify_params and refuses it otherwise', () => {
    expect(toInferenceConfig(request({ temperature: 1.7 }), true).temperature).toBe(1);
    expect(() => toInferenceConfig(request({ temperature: 1.7 }), false)).toThrow(
      "above Bedrock's maximum of 1",
    );
  });

  describe("the model's output limit", () => {
    const thrown = (fields: Record<string, unknown>, modify = false) => {
      try {
        toInferenceConfig(request(fields), modify, 4096);
      } catch (error) {
        return error as { status: number; param: string; message: string };
      }
      throw new Error('expected a 400');
    };

    it('refuses max_tokens above it with a 400 naming the field that was sent', () => {
      expect(thrown({ max_tokens: 1e9 })).toMatchObject({ status: 400, param: 'max_tokens' });
      expect(thrown({ max_completion_tokens: 4097 })).toMatchObject({
        status: 400,
        param: 'max_completion_tokens',
      });
      expect(thrown({ max_tokens: 5000 }).message).toContain('limit of 4096 output tokens');
    });

    it('clamps to it under modify_params, and keeps values within it or when it is unknown', () => {
      expect(toInferenceConfig(request({ max_tokens: 1e9 }), true, 4096).maxTokens).toBe(4096);
      expect(toInferenceConfig(request({ max_tokens: 4096 }), false, 4096).maxTokens).toBe(4096);
      expect(toInferenceConfig(request({ max_tokens: 100_000 }), false).maxTokens).toBe(100_000);
    });
  });
});
