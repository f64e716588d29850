import { BedrockNameRegistry, sanitizeBedrockIdentifier } from './tool-names';

describe('sanitizeBedrockIdentifier', () => {
  it.each([
    ['get_weather', 'get_weather'],
    ['weather.get', 'weather_get'],
    ['mcp server/search files', 'mcp_server_search_files'],
    ['名前', '__'],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('%s → %s', (name, expected) => {
    expect(sanitizeBedrockIdentifier(name)).toBe(expected);
    expect(sanitizeBedrockIdentifier(name)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('uses the fallback for an empty name', () => {
    expect(sanitizeBedrockIdentifier('', 'tool')).toBe('tool');
  });
});

describe('BedrockNameRegistry', () => {
  it('maps the same client name to the same Bedrock name and back', () => {
    const registry = new BedrockNameRegistry();
    expect(registry.toBedrock('files.read')).toBe('files_read');
    expect(registry.toBedrock('files.read')).toBe('files_read');
    expect(registry.reverseMap.get('files_read')).toBe('files.read');
  });

  it('never gives two client names the same Bedrock name, also at the 64-character limit', () => {
    const registry = new BedrockNameRegistry();
    expect(registry.toBedrock('files.read')).toBe('files_read');
    expect(registry.toBedrock('files_read')).toBe('files_read_2');
    expect(registry.toBedrock('files read')).toBe('files_read_3');
    const long = 'x'.repeat(70);
    expect(registry.toBedrock(long)).toBe('x'.repeat(64));
    const second = registry.toBedrock(`${long}.y`);
    expect(second).toBe(`${'x'.repeat(62)}_2`);
    expect(new Set(registry.reverseMap.keys()).size).toBe(5);
  });

  it('gives synthetic names their own slot', () => {
    const registry = new BedrockNameRegistry();
    registry.toBedrock('json_tool_call');
    expect(registry.addSynthetic('json_tool_call')).toBe('json_tool_call_2');
    expect(registry.has('json_tool_call')).toBe(true);
  });
});
