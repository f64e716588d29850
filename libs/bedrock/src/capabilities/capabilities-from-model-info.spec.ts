import { capabilitiesFromModelInfo } from './capabilities-from-model-info';

describe('capabilitiesFromModelInfo', () => {
  it('turns LiteLLM model_info fields into overrides', () => {
    expect(
      capabilitiesFromModelInfo({
        supports_function_calling: false,
        supports_vision: true,
        supports_native_structured_output: true,
        mode: 'chat',
        max_output_tokens: 4096,
        base_model: 'ignored here',
      }),
    ).toEqual({
      supportsTools: false,
      supportsVision: true,
      supportsResponseSchema: true,
      mode: 'chat',
      supportsConverse: true,
      maxOutputTokens: 4096,
    });
    expect(capabilitiesFromModelInfo(undefined)).toEqual({});
  });

  it('names the field when a value has the wrong type', () => {
    expect(() => capabilitiesFromModelInfo({ supports_vision: 'yes' })).toThrow('model_info.supports_vision');
    expect(() => capabilitiesFromModelInfo({ mode: 'audio' })).toThrow('model_info.mode');
    expect(() => capabilitiesFromModelInfo({ max_tokens: -1 })).toThrow('model_info.max_output_tokens');
  });
});
