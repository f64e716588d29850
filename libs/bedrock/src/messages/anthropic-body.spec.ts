import { anthropicBetaOf, toBedrockAnthropicBody } from './anthropic-body';

describe('toBedrockAnthropicBody', () => {
  it('sends the body as given, without model, stream and num_retries, with Bedrock’s anthropic_version', () => {
    const body = toBedrockAnthropicBody(
      {
        model: 'claude-sonnet-4-5',
        stream: true,
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
        system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
        thinking: { type: 'enabled', budget_tokens: 1024 },
        metadata: { user_id: 'u-1', tags: ['x'] },
        num_retries: 3,
      },
      [],
    );
    // num_retries is the gateway's (LiteLLM's request extra): Bedrock would refuse the body over it.
    expect(body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
      system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      metadata: { user_id: 'u-1' },
    });
  });

  it('sends the anthropic-beta header as anthropic_beta, merged with the body’s, without repeats or flags Bedrock refuses', () => {
    expect(
      toBedrockAnthropicBody(
        {
          max_tokens: 1,
          messages: [],
          anthropic_beta: [
            'context-1m-2025-08-07',
            'interleaved-thinking-2025-05-14',
            'mcp-servers-2025-12-04',
          ],
        },
        ['claude-code-20250219', 'oauth-2025-04-20', 'interleaved-thinking-2025-05-14'],
      ).anthropic_beta,
    ).toEqual(['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07']);
    expect(
      toBedrockAnthropicBody({ max_tokens: 1, messages: [] }, ['claude-code-20250219']),
    ).not.toHaveProperty('anthropic_beta');
    expect(toBedrockAnthropicBody({ max_tokens: 1, messages: [] }, [])).not.toHaveProperty('anthropic_beta');
  });
});

describe('anthropicBetaOf', () => {
  it('splits comma-separated and repeated headers', () => {
    expect(anthropicBetaOf('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(anthropicBetaOf(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    expect(anthropicBetaOf(undefined)).toEqual([]);
  });
});
