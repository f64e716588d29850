// A chat request may carry its own guardrailConfig (LiteLLM style). The guardrail runs in the
// deployment's AWS account, so a key may apply only one it is allowed, exactly as on /bedrock: a
// registered guardrail by its entry's access, an unregistered one only by the key's own lists. The
// emulator would answer 200 to every one of these calls if the gateway let it through.
import OpenAI from 'openai';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const CONFIG = `model_list:
  - model_name: claude-haiku
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0${EMULATOR_CREDENTIALS_YAML}
  - model_name: safety-guardrail
    litellm_params:
      model: bedrock/guardrail/grsafety1${EMULATOR_CREDENTIALS_YAML}
    model_info:
      access_groups: [safety]
`;

let emulator: RunningEmulator;
let gateway: TestGateway;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

function chatWith(key: string, guardrailIdentifier: string) {
  const client = new OpenAI({ apiKey: key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  return client.chat.completions.create({
    model: 'claude-haiku',
    messages: [{ role: 'user', content: 'Hello' }],
    // @ts-expect-error guardrailConfig is LiteLLM's Bedrock extension of the OpenAI body
    guardrailConfig: { guardrailIdentifier, guardrailVersion: '1' },
  });
}

async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as InstanceType<typeof OpenAI.APIError> | undefined;
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return { status: error!.status, message: error!.message, param: (error!.error as any)?.param };
}

describe('a guardrail named in a chat request', () => {
  it('is refused to a key without access, registered or not, with the same answer (no existence oracle)', async () => {
    const haikuOnly = (await createKey(gateway, { models: ['claude-haiku'] })).key;
    const registered = await refusal(chatWith(haikuOnly, 'grsafety1'));
    const byArn = await refusal(
      chatWith(haikuOnly, 'arn:aws:bedrock:us-east-1:123456789012:guardrail/grsafety1'),
    );
    const unregistered = await refusal(chatWith(haikuOnly, 'grunknown9'));
    for (const answer of [registered, byArn, unregistered]) {
      expect(answer.status).toBe(403);
      expect(answer.param).toBe('guardrailConfig.guardrailIdentifier');
    }
    expect(unregistered.message.replace('grunknown9', 'X')).toBe(
      registered.message.replace('grsafety1', 'X'),
    );
  });

  it('is applied for a key given the guardrail’s access group, or an unregistered one its lists name', async () => {
    const safety = (await createKey(gateway, { models: ['claude-haiku', 'safety'] })).key;
    expect((await chatWith(safety, 'grsafety1')).choices[0].message.role).toBe('assistant');
    const listed = (await createKey(gateway, { models: ['claude-haiku', 'guardrail/grlisted1'] })).key;
    expect((await chatWith(listed, 'grlisted1')).choices[0].message.role).toBe('assistant');
  });

  it('is applied for an unrestricted key, as LiteLLM users send it', async () => {
    const unrestricted = (await createKey(gateway, {})).key;
    expect((await chatWith(unrestricted, 'gr-request')).choices[0].message.role).toBe('assistant');
  });
});
