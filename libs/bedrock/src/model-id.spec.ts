import { splitCrossRegionPrefix } from './model-id';

describe('model id anatomy', () => {
  it.each([
    ['us.anthropic.claude-3-haiku-20240307-v1:0', 'us', 'anthropic.claude-3-haiku-20240307-v1:0'],
    [
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'global',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'us-gov', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['apac.amazon.nova-lite-v1:0', 'apac', 'amazon.nova-lite-v1:0'],
    ['jp.anthropic.claude-haiku-4-5-20251001-v1:0', 'jp', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['anthropic.claude-3-haiku-20240307-v1:0', undefined, 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['deepseek.v3.2', undefined, 'deepseek.v3.2'],
  ])('splits %s', (modelId, prefix, baseModelId) => {
    expect(splitCrossRegionPrefix(modelId)).toEqual(prefix ? { prefix, baseModelId } : { baseModelId });
  });

  it('does not mistake a provider named like a prefix for one', () => {
    expect(splitCrossRegionPrefix('us.model')).toEqual({ baseModelId: 'us.model' });
  });
});
