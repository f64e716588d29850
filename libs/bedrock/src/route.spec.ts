import { parseDeploymentModel } from './route';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('parseDeploymentModel', () => {
  it('routes a base chat model id to Converse by default', () => {
    expect(parseDeploymentModel(`bedrock/${HAIKU}`)).toEqual({
      kind: 'converse',
      modelId: HAIKU,
      baseModelId: HAIKU,
      pricingKey: HAIKU,
      family: 'anthropic',
    });
  });

  it('routes embedding, image and rerank models to InvokeModel by default', () => {
    expect(parseDeploymentModel('bedrock/amazon.titan-embed-text-v2:0').kind).toBe('invoke');
    expect(parseDeploymentModel('bedrock/stability.sd3-large-v1:0').kind).toBe('invoke');
    expect(parseDeploymentModel('bedrock/cohere.rerank-v3-5:0').kind).toBe('invoke');
  });

  it('honours an explicit converse/ or invoke/ route', () => {
    expect(parseDeploymentModel(`bedrock/invoke/${HAIKU}`)).toMatchObject({
      kind: 'invoke',
      modelId: HAIKU,
      family: 'anthropic',
    });
    expect(parseDeploymentModel('bedrock/converse/meta.llama3-8b-instruct-v1:0')).toMatchObject({
      kind: 'converse',
      family: 'meta',
    });
  });

  const IMPORTED = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123xyz';

  it.each(['llama', 'deepseek_r1', 'qwen2', 'qwen3', 'openai', 'moonshot'])(
    'sends an imported model named with the %s/ spec prefix to InvokeModel in that body format',
    (spec) => {
      expect(parseDeploymentModel(`bedrock/${spec}/${IMPORTED}`)).toMatchObject({
        kind: 'invoke',
        modelId: IMPORTED,
        invokeSpec: spec,
        arnRegion: 'us-east-1',
      });
      expect(parseDeploymentModel(`bedrock/invoke/${spec}/${IMPORTED}`)).toMatchObject({
        kind: 'invoke',
        invokeSpec: spec,
      });
    },
  );

  it.each(['nova', 'nova-2'])('sends a custom Nova model named with %s/ to Converse', (spec) => {
    const custom = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abc';
    expect(parseDeploymentModel(`bedrock/${spec}/${custom}`)).toMatchObject({
      kind: 'converse',
      modelId: custom,
      family: 'amazon-nova',
    });
    expect(parseDeploymentModel(`bedrock/${spec}/${custom}`)).not.toHaveProperty('invokeSpec');
    expect(() => parseDeploymentModel(`bedrock/invoke/${spec}/${custom}`)).toThrow(/served by Converse/);
  });

  it('reads no spec prefix into an ordinary model id', () => {
    expect(parseDeploymentModel(`bedrock/invoke/${HAIKU}`)).not.toHaveProperty('invokeSpec');
  });

  it.each(['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca'])(
    'keeps the %s. cross-region prefix in the pricing key but not in the base model id',
    (prefix) => {
      expect(parseDeploymentModel(`bedrock/${prefix}.${HAIKU}`)).toEqual({
        kind: 'converse',
        modelId: `${prefix}.${HAIKU}`,
        baseModelId: HAIKU,
        pricingKey: `${prefix}.${HAIKU}`,
        regionPrefix: prefix,
        family: 'anthropic',
      });
    },
  );

  it('reads the model out of a foundation-model ARN', () => {
    const arn = `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`;
    expect(parseDeploymentModel(`bedrock/${arn}`)).toEqual({
      kind: 'converse',
      modelId: arn,
      baseModelId: HAIKU,
      pricingKey: HAIKU,
      family: 'anthropic',
      arnRegion: 'us-west-2',
    });
  });

  it('reads the profile out of an inference-profile ARN, also in GovCloud', () => {
    const arn = `arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.${HAIKU}`;
    expect(parseDeploymentModel(`bedrock/converse/${arn}`)).toMatchObject({
      modelId: arn,
      baseModelId: HAIKU,
      pricingKey: `us-gov.${HAIKU}`,
      regionPrefix: 'us-gov',
      arnRegion: 'us-gov-west-1',
    });
  });

  it('defaults an application-inference-profile ARN without base model to Converse (LESSONS #18258)', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5';
    expect(parseDeploymentModel(`bedrock/${arn}`)).toEqual({
      kind: 'converse',
      modelId: arn,
      baseModelId: arn,
      pricingKey: arn,
      family: 'other',
      arnRegion: 'us-east-1',
    });
  });

  it('takes prices, family and route of an application profile from model_info.base_model', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5';
    expect(parseDeploymentModel(`bedrock/${arn}`, { baseModel: `bedrock/us.${HAIKU}` })).toMatchObject({
      kind: 'converse',
      modelId: arn,
      baseModelId: HAIKU,
      pricingKey: `us.${HAIKU}`,
      family: 'anthropic',
    });
    expect(parseDeploymentModel(`bedrock/${arn}`, { baseModel: 'amazon.titan-embed-text-v2:0' }).kind).toBe(
      'invoke',
    );
  });

  it('sends model_id (provisioned throughput) while pricing the named model', () => {
    const provisioned = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123';
    expect(parseDeploymentModel(`bedrock/${HAIKU}`, { modelId: provisioned })).toMatchObject({
      kind: 'converse',
      modelId: provisioned,
      baseModelId: HAIKU,
      pricingKey: HAIKU,
    });
  });

  it('ignores base_model when the id already names a model', () => {
    expect(
      parseDeploymentModel(`bedrock/${HAIKU}`, { baseModel: 'meta.llama3-8b-instruct-v1:0' }).baseModelId,
    ).toBe(HAIKU);
  });

  it('parses an agent route', () => {
    expect(parseDeploymentModel('bedrock/agent/AGENT12345/TSTALIASID')).toEqual({
      kind: 'agent',
      modelId: 'AGENT12345/TSTALIASID',
      baseModelId: 'agent/AGENT12345/TSTALIASID',
      pricingKey: 'agent/AGENT12345/TSTALIASID',
      family: 'other',
      agentId: 'AGENT12345',
      agentAliasId: 'TSTALIASID',
    });
    expect(parseDeploymentModel('bedrock/agent/AGENT12345/TSTALIASID', { baseModel: HAIKU })).toMatchObject({
      kind: 'agent',
      pricingKey: HAIKU,
      family: 'anthropic',
    });
  });

  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 'is not a Bedrock model'],
    ['openai/gpt-4o', 'is not a Bedrock model'],
    ['bedrock/', 'has no usable Bedrock model id'],
    ['bedrock/converse/', 'has no usable Bedrock model id'],
    ['bedrock/anthropic.claude 3', 'has no usable Bedrock model id'],
    ['bedrock/agent/AGENT12345', 'is not a valid agent'],
    ['bedrock/agent/AGENT12345/ALIAS/extra', 'is not a valid agent'],
    ['bedrock/arn:aws:s3:::bucket/key', 'malformed Bedrock ARN'],
  ])('rejects %j with a message naming it', (model, message) => {
    expect(() => parseDeploymentModel(model)).toThrow(message);
    expect(() => parseDeploymentModel(model)).toThrow(model === 'bedrock/' ? 'bedrock/' : model);
  });

  it('rejects a base_model that names no model', () => {
    expect(() =>
      parseDeploymentModel('bedrock/arn:aws:bedrock:us-east-1:1:application-inference-profile/x', {
        baseModel: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/y',
      }),
    ).toThrow('model_info.base_model');
  });

  it("drops a repeated provider, as LiteLLM does for the documented 'stability.stability.sd3-large-v1:0'", () => {
    expect(parseDeploymentModel('bedrock/stability.stability.sd3-large-v1:0')).toMatchObject({
      modelId: 'stability.sd3-large-v1:0',
      baseModelId: 'stability.sd3-large-v1:0',
      pricingKey: 'stability.sd3-large-v1:0',
    });
    expect(parseDeploymentModel('bedrock/us.amazon.nova-lite-v1:0').modelId).toBe('us.amazon.nova-lite-v1:0');
  });
});
