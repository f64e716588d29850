import { capabilitiesFor } from './capabilities-for';

describe('capabilitiesFor', () => {
  it('reads a listed chat model from the table', () => {
    expect(capabilitiesFor('anthropic.claude-3-7-sonnet-20250219-v1:0')).toEqual({
      family: 'anthropic',
      mode: 'chat',
      supportsConverse: true,
      supportsTools: true,
      supportsToolChoice: true,
      supportsVision: true,
      supportsPdfInput: true,
      supportsReasoning: true,
      supportsResponseSchema: false,
      supportsPromptCaching: true,
      supportsAdaptiveThinking: false,
      supportsClaude45Controls: false,
      maxOutputTokens: 8192,
    });
  });

  it('keeps features the table says a model lacks switched off', () => {
    const llama = capabilitiesFor('meta.llama3-8b-instruct-v1:0');
    expect(llama).toMatchObject({
      family: 'meta',
      supportsConverse: true,
      supportsTools: false,
      supportsVision: false,
    });
    expect(capabilitiesFor('meta.llama4-scout-17b-instruct-v1:0')).toMatchObject({
      supportsTools: true,
      supportsToolChoice: false,
    });
  });

  it('lets every Nova model force a tool, as the Nova user guide documents (tool, any, auto)', () => {
    for (const id of [
      'amazon.nova-micro-v1:0',
      'amazon.nova-lite-v1:0',
      'amazon.nova-pro-v1:0',
      'amazon.nova-premier-v1:0',
      'amazon.nova-2-lite-v1:0',
    ]) {
      expect(capabilitiesFor(id)).toMatchObject({ supportsTools: true, supportsToolChoice: true });
    }
  });

  it("follows AWS's model-feature table where the price data disagrees", () => {
    // No tool use at all on Claude 2 / Instant, the Command text models, Mistral 7B and Mixtral.
    for (const id of [
      'anthropic.claude-v2:1',
      'anthropic.claude-instant-v1',
      'cohere.command-text-v14',
      'mistral.mixtral-8x7b-instruct-v0:1',
    ]) {
      expect(capabilitiesFor(id)).toMatchObject({ supportsTools: false, supportsToolChoice: false });
    }
    // Command R and R+ have tool use (AWS's table), which the price data does not flag.
    expect(capabilitiesFor('cohere.command-r-plus-v1:0')).toMatchObject({
      supportsTools: true,
      supportsToolChoice: true,
    });
    expect(capabilitiesFor('meta.llama3-1-70b-instruct-v1:0')).toMatchObject({
      supportsTools: true,
      supportsToolChoice: false,
    });
  });

  it.each([
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', true],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', true],
    ['anthropic.claude-opus-4-5-20251101-v1:0', true],
    ['anthropic.claude-opus-4-6-v1', true],
    ['anthropic.claude-sonnet-4-6', true],
    ['anthropic.claude-opus-4-1-20250805-v1:0', false],
    ['anthropic.claude-sonnet-4-20250514-v1:0', false],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', false],
    ['anthropic.claude-3-haiku-20240307-v1:0', false],
    ['amazon.nova-2-lite-v1:0', false],
    ['openai.gpt-oss-120b-1:0', false],
  ])('native structured output for %s: %s', (modelId, expected) => {
    expect(capabilitiesFor(modelId).supportsResponseSchema).toBe(expected);
  });

  it.each([
    ['anthropic.claude-opus-4-6-v1', true],
    ['anthropic.claude-sonnet-4-6', true],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', false],
    ['amazon.nova-2-lite-v1:0', false],
  ])('adaptive thinking for %s: %s', (modelId, expected) => {
    expect(capabilitiesFor(modelId).supportsAdaptiveThinking).toBe(expected);
  });

  it.each([
    ['anthropic.claude-haiku-4-5-20251001-v1:0', true],
    ['us.anthropic.claude-opus-4-6-v1', true],
    ['anthropic.claude-sonnet-4-20250514-v1:0', false],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', false],
    ['anthropic.claude-3-haiku-20240307-v1:0', false],
    ['amazon.nova-pro-v1:0', false],
  ])('Claude 4.5 controls (disable_parallel_tool_use, output_config) for %s: %s', (modelId, expected) => {
    expect(capabilitiesFor(modelId).supportsClaude45Controls).toBe(expected);
  });

  it.each([
    ['amazon.titan-embed-text-v2:0', 'embedding'],
    ['cohere.rerank-v3-5:0', 'rerank'],
    ['stability.sd3-large-v1:0', 'image_generation'],
    ['stability.stable-image-inpaint-v1:0', 'image_generation'],
    ['amazon.nova-canvas-v1:0', 'image_generation'],
  ])('%s is a %s model, served by InvokeModel', (modelId, mode) => {
    expect(capabilitiesFor(modelId)).toMatchObject({ mode, supportsConverse: false });
  });

  it('sends TwelveLabs Pegasus to InvokeModel although it is a chat model', () => {
    expect(capabilitiesFor('twelvelabs.pegasus-1-2-v1:0')).toMatchObject({
      mode: 'chat',
      supportsConverse: false,
    });
  });

  it('finds models listed only as cross-region profiles, and ignores a prefix given by mistake', () => {
    expect(capabilitiesFor('amazon.nova-premier-v1:0')).toMatchObject({
      family: 'amazon-nova',
      mode: 'chat',
      supportsVision: true,
    });
    expect(capabilitiesFor('us.anthropic.claude-3-haiku-20240307-v1:0').supportsTools).toBe(true);
  });

  it('is permissive for models it does not know, assuming reasoning and caching only where the family has them', () => {
    const newClaude = capabilitiesFor('anthropic.claude-opus-5-20270101-v1:0');
    expect(newClaude).toMatchObject({
      family: 'anthropic',
      mode: 'chat',
      supportsConverse: true,
      supportsTools: true,
      supportsReasoning: true,
      supportsPromptCaching: true,
      supportsResponseSchema: true,
    });
    const profileArn = capabilitiesFor(
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3',
    );
    expect(profileArn).toMatchObject({
      family: 'other',
      mode: 'chat',
      supportsConverse: true,
      supportsTools: true,
    });
    expect(profileArn.supportsReasoning).toBe(false);
    expect(capabilitiesFor('acme.new-embed-v1')).toMatchObject({
      mode: 'embedding',
      supportsConverse: false,
    });
  });

  it('applies overrides last, ignoring undefined ones', () => {
    const capabilities = capabilitiesFor('openai.gpt-oss-120b-1:0', {
      supportsResponseSchema: true,
      supportsVision: undefined,
    });
    expect(capabilities.supportsResponseSchema).toBe(true);
    expect(capabilities.supportsVision).toBe(false);
  });

  it('takes document chat from AWS’s model-feature table where the price data misses it', () => {
    for (const id of [
      'anthropic.claude-3-opus-20240229-v1:0',
      'meta.llama3-1-70b-instruct-v1:0',
      'mistral.mistral-large-2407-v1:0',
      'cohere.command-r-plus-v1:0',
      'ai21.jamba-1-5-large-v1:0',
      'us.amazon.nova-lite-v1:0',
    ])
      expect([id, capabilitiesFor(id).supportsPdfInput]).toEqual([id, true]);
    for (const id of ['amazon.nova-micro-v1:0', 'cohere.command-text-v14', 'ai21.jamba-instruct-v1:0'])
      expect([id, capabilitiesFor(id).supportsPdfInput]).toEqual([id, false]);
    expect(capabilitiesFor('amazon.nova-micro-v1:0', { supportsPdfInput: true }).supportsPdfInput).toBe(true);
  });
});
