import { emptyConversation, type ConversationBlock } from './conversation';
import { PromptCache } from './prompt-cache';

function withSystem(blocks: ConversationBlock[], question = 'q'.repeat(8)) {
  return {
    ...emptyConversation(),
    system: blocks,
    messages: [{ role: 'user' as const, blocks: [{ kind: 'text' as const, text: question }] }],
  };
}

const text = (length: number, letter = 'a'): ConversationBlock => ({
  kind: 'text',
  text: letter.repeat(length),
});
const point: ConversationBlock = { kind: 'cachePoint' };

describe('PromptCache', () => {
  it('reports no cache fields when the prompt has no cache point', () => {
    expect(new PromptCache().split('m', withSystem([text(40)]))).toEqual({
      inputTokens: 12,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      cacheUsed: false,
    });
  });

  it('reads the longest known prefix and writes the part up to the last cache point', () => {
    const cache = new PromptCache();
    cache.split('m', withSystem([text(40), point]));
    const split = cache.split('m', withSystem([text(40), point, text(20, 'b'), point]));
    expect(split).toMatchObject({ cacheReadInputTokens: 10, cacheWriteInputTokens: 5, inputTokens: 2 });
  });

  it('keeps prefixes of different models apart, and tells different prefixes apart', () => {
    const cache = new PromptCache();
    cache.split('model-a', withSystem([text(40), point]));
    expect(cache.split('model-b', withSystem([text(40), point])).cacheWriteInputTokens).toBe(10);
    expect(cache.split('model-a', withSystem([text(40, 'z'), point])).cacheWriteInputTokens).toBe(10);
  });

  it('caches tool definitions when a cache point follows the tools', () => {
    const cache = new PromptCache();
    const conversation = {
      ...withSystem([]),
      tools: [{ name: 'tool', description: 'd', schema: {} }],
      toolsCachePoint: true,
    };
    expect(cache.split('m', conversation).cacheWriteInputTokens).toBe(2);
    expect(cache.split('m', conversation).cacheReadInputTokens).toBe(2);
  });
});
