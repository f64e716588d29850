// Model access end to end: /v1/models shows exactly what a key may call (access groups, wildcards,
// team ∩ key, all-team-models, aliases), and ModelAccessService.resolve — what every model route
// calls — agrees with it.
import { ModelAccessService } from '../../apps/gateway/src/tenancy/access/model-access.service';
import { KeyAuthenticator } from '../../apps/gateway/src/tenancy/auth/key-authenticator.service';
import { OpenAIError } from '../../libs/openai/src/errors';
import { asMaster, call, unique } from '../support/management-api';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const CONFIG = `
model_list:
  - model_name: acc-sonnet
    litellm_params: { model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0 }
    model_info: { access_groups: [acc-default] }
  - model_name: acc-haiku
    litellm_params: { model: bedrock/converse/anthropic.claude-3-haiku-20240307-v1:0 }
    model_info: { access_groups: [acc-default, acc-cheap] }
  - model_name: acc-haiku
    litellm_params: { model: bedrock/us.anthropic.claude-3-haiku-20240307-v1:0, aws_region_name: us-east-2 }
  - model_name: acc-llama
    litellm_params: { model: bedrock/meta.llama3-1-70b-instruct-v1:0 }
    model_info: { access_groups: [acc-restricted] }
  - model_name: acc-embed
    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }
`;
const ALL = ['acc-sonnet', 'acc-haiku', 'acc-llama', 'acc-embed'];

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ configYaml: CONFIG });
});
afterAll(() => gateway?.close());

async function keyWith(
  keyModels: string[],
  teamModels?: string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const team = teamModels
    ? await asMaster(gateway, '/team/new', { team_alias: unique('acc'), models: teamModels })
    : undefined;
  return (await asMaster(gateway, '/key/generate', { models: keyModels, team_id: team?.team_id, ...extra }))
    .key;
}
/** Every model the list shows: no suite adds API models to the shared database, so these are all ours. */
const listed = async (key: string) =>
  ((await call(gateway, 'GET', '/v1/models', key)).body.data as { id: string }[])
    .map((model) => model.id)
    .sort();

describe('/v1/models lists exactly the models a key may call', () => {
  it.each([
    ['an unrestricted key', [], undefined, ALL],
    ['public names', ['acc-llama', 'acc-embed'], undefined, ['acc-llama', 'acc-embed']],
    ['an access group', ['acc-default'], undefined, ['acc-sonnet', 'acc-haiku']],
    ['two access groups', ['acc-cheap', 'acc-restricted'], undefined, ['acc-haiku', 'acc-llama']],
    [
      'only an unknown access group (LiteLLM #26656: not "everything")',
      ['acc-nonexistent-group'],
      undefined,
      [],
    ],
    ['the wildcard bedrock/*', ['bedrock/*'], undefined, ALL],
    ['the wildcard anthropic.*', ['anthropic.*'], undefined, ['acc-sonnet', 'acc-haiku']],
    ['a cross-region wildcard us.anthropic.*', ['us.anthropic.*'], undefined, ['acc-haiku']],
    ['an empty key list in a restricted team', [], ['acc-restricted'], ['acc-llama']],
    ['key ∩ team', ['acc-default'], ['acc-cheap', 'acc-embed'], ['acc-haiku']],
    ['all-team-models', ['all-team-models'], ['acc-default'], ['acc-sonnet', 'acc-haiku']],
    ['a team wildcard', [], ['meta.*'], ['acc-llama']],
  ])('%s', async (_case, keyModels, teamModels, expected) => {
    expect(await listed(await keyWith(keyModels, teamModels))).toEqual([...expected].sort());
  });

  it('includes the key’s model aliases whose targets it may call, and nothing else', async () => {
    const key = await keyWith(['acc-cheap'], undefined, {
      aliases: { 'gpt-4o-mini': 'acc-haiku', 'gpt-4o': 'acc-sonnet' },
    });
    expect(await listed(key)).toEqual(['acc-haiku', 'gpt-4o-mini']);
  });

  it('/model/info and /model_group/info show the same models as /v1/models', async () => {
    const key = await keyWith(['acc-default'], ['acc-cheap', 'acc-sonnet']);
    const names = await listed(key);
    const info = (await call(gateway, 'GET', '/model/info', key)).body.data as { model_name: string }[];
    const groups = (await call(gateway, 'GET', '/model_group/info', key)).body.data as {
      model_group: string;
    }[];
    expect([...new Set(info.map((entry) => entry.model_name))].sort()).toEqual(names);
    expect(groups.map((group) => group.model_group).sort()).toEqual(names);
    expect(names).toEqual(['acc-haiku', 'acc-sonnet']);
  });
});

describe('ModelAccessService.resolve (used by every model route)', () => {
  const principalOf = (key: string) => gateway.app.get(KeyAuthenticator).authenticate(key);
  const access = () => gateway.app.get(ModelAccessService);
  const refusal = async (key: string, model: string): Promise<OpenAIError> => {
    const principal = await principalOf(key);
    try {
      access().resolve(principal, model);
    } catch (error) {
      if (error instanceof OpenAIError) return error;
      throw error;
    }
    throw new Error(`expected ${model} to be refused`);
  };

  it('returns every deployment of an allowed model', async () => {
    const key = await keyWith(['acc-cheap']);
    const deployments = access().resolve(await principalOf(key), 'acc-haiku');
    expect(deployments.map((deployment) => deployment.litellmParams.model)).toEqual([
      'bedrock/converse/anthropic.claude-3-haiku-20240307-v1:0',
      'bedrock/us.anthropic.claude-3-haiku-20240307-v1:0',
    ]);
  });

  it('refuses a model the key may not call with 403, naming only the requested model', async () => {
    const key = await keyWith(['acc-cheap'], ['acc-default']);
    const error = await refusal(key, 'acc-llama');
    expect(error.status).toBe(403);
    expect(error.toBody().error).toMatchObject({
      type: 'permission_error',
      code: 'model_not_allowed',
      param: 'model',
    });
    expect(error.message).toContain("'acc-llama'");
    for (const hidden of [
      'acc-haiku',
      'acc-sonnet',
      'acc-embed',
      'acc-cheap',
      'acc-default',
      'anthropic',
      key,
    ])
      expect(error.message).not.toContain(hidden);
  });

  it('answers 404 model_not_found for a model no deployment serves', async () => {
    const key = await keyWith([]);
    const error = await refusal(key, 'no-such-model');
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
  });

  it('applies the key’s aliases before deciding, and still checks the target', async () => {
    const key = await keyWith(['acc-cheap'], undefined, {
      aliases: { 'gpt-4o-mini': 'acc-haiku', 'gpt-4o': 'acc-sonnet' },
    });
    expect(access().resolve(await principalOf(key), 'gpt-4o-mini')[0].modelName).toBe('acc-haiku');
    expect((await refusal(key, 'gpt-4o')).status).toBe(403);
  });

  it('agrees with /v1/models for every model and key shape', async () => {
    for (const [keyModels, teamModels] of [
      [['acc-default'], ['acc-cheap']],
      [['anthropic.*'], undefined],
      [[], ['acc-restricted']],
    ] as const) {
      const key = await keyWith([...keyModels], teamModels ? [...teamModels] : undefined);
      const principal = await principalOf(key);
      const callable = ALL.filter((model) => {
        try {
          access().resolve(principal, model);
          return true;
        } catch {
          return false;
        }
      }).sort();
      expect(callable).toEqual(await listed(key));
    }
  });
});
