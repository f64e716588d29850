// GET /v1/models/{id} and /models/{id} (the OpenAI SDK's models.retrieve): the same access rule as the
// list. Model names carry `/` and `:`; a model the key may not use answers exactly like a missing one.
import OpenAI, { NotFoundError } from 'openai';
import { asMaster, call, unique } from '../support/management-api';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const SLASHED = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
const PROFILE = 'us.anthropic.claude-3-5-sonnet-20240620-v1:0';
const CONFIG = `
model_list:
  - model_name: ${SLASHED}
    litellm_params: { model: ${SLASHED} }
  - model_name: ${PROFILE}
    litellm_params: { model: bedrock/${PROFILE} }
  - model_name: ret-llama
    litellm_params: { model: bedrock/meta.llama3-1-70b-instruct-v1:0 }
`;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ configYaml: CONFIG });
});
afterAll(() => gateway?.close());

const sdk = (apiKey: string, path = '/v1') => new OpenAI({ apiKey, baseURL: `${gateway.baseUrl}${path}` });

async function teamKey(teamModels: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const team = await asMaster(gateway, '/team/new', { team_alias: unique('ret'), models: teamModels });
  return (await asMaster(gateway, '/key/generate', { team_id: team.team_id, ...extra })).key;
}

async function notFound(request: Promise<unknown>): Promise<NotFoundError> {
  const error = await request.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(NotFoundError);
  return error as NotFoundError;
}

describe('models.retrieve', () => {
  it('returns a model whose name has slashes and colons, on /v1/models/{id} and /models/{id}', async () => {
    const key = await teamKey([SLASHED, PROFILE]);
    for (const path of ['/v1', '']) {
      const client = sdk(key, path);
      expect(await client.models.retrieve(SLASHED)).toEqual({
        id: SLASHED,
        object: 'model',
        created: expect.any(Number),
        owned_by: 'bedrock',
      });
      expect((await client.models.retrieve(PROFILE)).id).toBe(PROFILE);
    }
  });

  it('serves the id unencoded in the path too (curl-style)', async () => {
    const key = await teamKey([SLASHED]);
    const result = await call(gateway, 'GET', `/v1/models/${SLASHED}`, key);
    expect(result.status).toBe(200);
    expect(result.body.id).toBe(SLASHED);
  });

  it('answers 404 model_not_found, in OpenAI’s shape, for a model another team’s key may use but this one may not', async () => {
    await teamKey(['ret-llama']);
    const key = await teamKey([SLASHED]);
    const listed = (await sdk(key).models.list()).data.map((model) => model.id);
    expect(listed).not.toContain('ret-llama');
    const error = await notFound(sdk(key).models.retrieve('ret-llama'));
    expect(error.code).toBe('model_not_found');
    expect(error.error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    expect(error.message).toContain("'ret-llama'");
  });

  it('answers a hidden model exactly like one that does not exist', async () => {
    const key = await teamKey([SLASHED]);
    const hidden = await call(gateway, 'GET', '/v1/models/ret-llama', key);
    const missing = await call(gateway, 'GET', '/v1/models/ret-nothing', key);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.text.replace('ret-llama', 'X')).toBe(missing.text.replace('ret-nothing', 'X'));
  });

  it('resolves the key’s model aliases like the list does', async () => {
    const key = await teamKey([PROFILE], { aliases: { 'ret-fast': PROFILE, 'ret-sneaky': 'ret-llama' } });
    expect((await sdk(key).models.retrieve('ret-fast')).id).toBe('ret-fast');
    expect((await notFound(sdk(key).models.retrieve('ret-sneaky'))).code).toBe('model_not_found');
  });

  it('needs a key', async () => {
    expect((await call(gateway, 'GET', `/v1/models/ret-llama`, null)).status).toBe(401);
  });
});
