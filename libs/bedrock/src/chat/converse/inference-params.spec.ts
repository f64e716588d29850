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
});
