import { tokenUsageFromBedrock } from './token-usage';

describe('tokenUsageFromBedrock', () => {
  it('maps Bedrock usage, cache counts included', () => {
    expect(
      tokenUsageFromBedrock({
        inputTokens: 10,
        outputTokens: 5,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 50,
      }),
    ).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      cacheReadTokens: 100,
      cacheWriteTokens: 50,
    });
  });

  it('turns missing, negative and non-numeric counts into 0', () => {
    expect(tokenUsageFromBedrock(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(
      tokenUsageFromBedrock({
        inputTokens: -3,
        outputTokens: Number.NaN,
        cacheReadInputTokens: '7' as unknown as number,
      }),
    ).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });
});
