// Every AWS credential method a deployment may use (LiteLLM's litellm_params names), end to end: the openai
// SDK calls the gateway, the gateway obtains credentials (from files, from the emulator's STS, from the
// environment) and signs its Bedrock call with them, and the emulator accepts only what it issued or knows.
// The emulator's STS records say which role, session name, external id and source keys each call used.
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import OpenAI from 'openai';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../support/emulator-credentials';
import { withFrozenClock } from '../support/clock';
import { createKey } from '../support/tenants';
import {
  IRSA_ROLE,
  PARTNER_EXTERNAL_ID,
  PROFILE_KEY,
  PARTNER_ROLE,
  role,
  startCredentialsFixture,
  type CredentialsFixture,
} from './credentials-fixture';

let fixture: CredentialsFixture;
/** Everything the gateway answered, checked for secrets at the end. */
const answers: string[] = [];

beforeAll(async () => {
  fixture = await startCredentialsFixture();
});

afterAll(async () => {
  await fixture?.close();
});

async function chat(model: string): Promise<string> {
  const completion = await fixture.openai.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Say hello' }],
    max_tokens: 20,
  });
  answers.push(JSON.stringify(completion));
  expect(completion.choices[0].message.content?.length).toBeGreaterThan(0);
  return completion.choices[0].message.content!;
}

async function chatFailure(model: string): Promise<InstanceType<typeof OpenAI.APIError>> {
  const failure = await fixture.openai.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Say hello' }] })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(failure).toBeInstanceOf(OpenAI.APIError);
  const error = failure as InstanceType<typeof OpenAI.APIError>;
  answers.push(JSON.stringify(error.error), error.message);
  return error;
}

const stsCallsFor = (roleSessionName: string) =>
  fixture.emulator.sts.calls.filter((call) => call.roleSessionName === roleSessionName);

/** Bedrock calls signed by the credentials STS issued for a session name: the identity really used. */
const signedAs = (roleSessionName: string) =>
  stsCallsFor(roleSessionName).reduce(
    (calls, call) =>
      calls + (call.issuedAccessKeyId ? fixture.emulator.sts.signedCalls(call.issuedAccessKeyId) : 0),
    0,
  );

describe('AWS credential methods through the gateway', () => {
  it('aws_profile_name reads keys from the shared credentials file (AWS_SHARED_CREDENTIALS_FILE)', async () => {
    await chat('profile-keys');
    expect(fixture.emulator.sts.signedCalls(PROFILE_KEY.accessKeyId)).toBe(1);
  });

  it('aws_profile_name with role_arn + source_profile assumes the role at aws_sts_endpoint', async () => {
    await chat('profile-role');
    expect(signedAs('quarry-profile-role')).toBe(1);
    expect(stsCallsFor('quarry-profile-role')).toEqual([
      expect.objectContaining({
        action: 'AssumeRole',
        roleArn: role('profile-role'),
        callerAccessKeyId: PROFILE_KEY.accessKeyId,
        issued: true,
      }),
    ]);
  });

  it('aws_role_name + aws_session_name assumes the role once, from the explicit keys, for many calls', async () => {
    for (let call = 0; call < 3; call++) await chat('role-keys');
    expect(signedAs('role-keys')).toBe(3);
    expect(stsCallsFor('role-keys')).toEqual([
      expect.objectContaining({
        action: 'AssumeRole',
        roleArn: role('bedrock-a'),
        callerAccessKeyId: EMULATOR_CREDENTIALS.accessKeyId,
        issued: true,
      }),
    ]);
  });

  it('aws_external_id is sent with AssumeRole; a role that requires one refuses a deployment without it', async () => {
    await chat('role-external-id');
    expect(signedAs('partner')).toBe(1);
    expect(stsCallsFor('partner')).toEqual([
      expect.objectContaining({ roleArn: PARTNER_ROLE, externalId: PARTNER_EXTERNAL_ID, issued: true }),
    ]);
    const refused = await chatFailure('role-no-external-id');
    expect(refused.status).toBe(502);
    expect(refused.message).toContain('Could not obtain the AWS credentials configured for this deployment');
    expect(refused.message).toContain('STS AssumeRole');
    expect(refused.message).toContain('AccessDenied');
    expect(refused.message).not.toContain(PARTNER_ROLE);
  });

  it('aws_role_name without keys takes its source credentials from the default chain (here IRSA)', async () => {
    await chat('role-default-chain');
    const [assumed] = stsCallsFor('role-chained');
    expect(assumed).toMatchObject({ action: 'AssumeRole', roleArn: role('bedrock-b'), issued: true });
    // The caller is the web identity session the default chain obtained, not a long-term key.
    expect(stsCallsFor('quarry-irsa').map((call) => call.issuedAccessKeyId)).toContain(
      assumed.callerAccessKeyId,
    );
    expect(signedAs('role-chained')).toBe(1);
  });

  it('aws_web_identity_token (a value, or an os.environ/ reference) calls AssumeRoleWithWebIdentity', async () => {
    await chat('web-identity-value');
    await chat('web-identity-env');
    for (const sessionName of ['oidc-value', 'oidc-env']) {
      expect(stsCallsFor(sessionName)).toEqual([
        expect.objectContaining({ action: 'AssumeRoleWithWebIdentity', roleArn: role('oidc'), issued: true }),
      ]);
      expect(signedAs(sessionName)).toBe(1);
    }
  });

  it('IRSA: no credentials, AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN in the environment', async () => {
    const before = signedAs('quarry-irsa');
    await chat('irsa');
    expect(signedAs('quarry-irsa')).toBe(before + 1);
    expect(stsCallsFor('quarry-irsa')).toContainEqual(
      expect.objectContaining({ action: 'AssumeRoleWithWebIdentity', roleArn: IRSA_ROLE, issued: true }),
    );
  });

  it('api_key is a Bedrock API key, sent as a bearer token', async () => {
    const before = fixture.emulator.sts.calls.length;
    await chat('bedrock-api-key');
    expect(fixture.emulator.sts.calls.length).toBe(before);
  });

  it('a web identity token STS refuses is a 502 naming the method and the error, never the token', async () => {
    const refused = await chatFailure('web-identity-refused');
    expect(refused.status).toBe(502);
    expect(refused.error).toMatchObject({ type: 'upstream_error', code: 'AwsCredentialsUnavailable' });
    expect(refused.message).toContain('STS AssumeRoleWithWebIdentity');
    expect(refused.message).toContain('InvalidIdentityToken');
    expect(stsCallsFor('oidc-refused')).toEqual([expect.objectContaining({ issued: false })]);
  });

  it('session keys past their expiry are refused by Bedrock (ExpiredTokenException): a 502 that says so', async () => {
    await withFrozenClock(async (clock) => {
      clock.advance(5 * 60_000);
      const expired = await chatFailure('expired-session');
      expect(expired.status).toBe(502);
      expect(expired.error).toMatchObject({ type: 'upstream_error', code: 'ExpiredTokenException' });
      expect(expired.message).toContain('expired');
    });
  });

  it('the /bedrock passthrough signs with the same role credentials (AWS SDK client)', async () => {
    const { key } = await createKey(fixture.gateway);
    const client = new BedrockRuntimeClient({
      region: EMULATOR_REGION,
      endpoint: `${fixture.gateway.baseUrl}/bedrock`,
      token: { token: key },
      authSchemePreference: ['httpBearerAuth'],
      requestHandler: new NodeHttpHandler(),
    });
    try {
      for (const model of ['web-identity-env', 'role-keys', 'bedrock-api-key']) {
        const answer = await client.send(
          new ConverseCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }),
        );
        expect(answer.output?.message?.content?.[0].text?.length).toBeGreaterThan(0);
      }
    } finally {
      client.destroy();
    }
    // Shared with the chat calls above: no new STS call for either role.
    expect(stsCallsFor('oidc-env')).toHaveLength(1);
    expect(stsCallsFor('role-keys')).toHaveLength(1);
    expect(signedAs('oidc-env')).toBe(2);
    expect(signedAs('role-keys')).toBe(4);
  });

  it.each([
    ['aws_role_name', role('bedrock-a')],
    ['aws_profile_name', 'bedrock-dev'],
    ['aws_web_identity_token', 'os.environ/QUARRY_TEST_WEB_IDENTITY_TOKEN'],
    ['aws_sts_endpoint', 'https://sts.us-east-1.amazonaws.com'],
  ])(
    "/model/new refuses %s: the gateway host's roles and profiles are config.yaml only",
    async (name, value) => {
      const params: Record<string, string> = {
        model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        [name]: value,
      };
      if (name === 'aws_web_identity_token') params.aws_role_name = role('oidc');
      const created = await fixture.gateway.request('/model/new', {
        method: 'POST',
        json: { model_name: `api-${name}`, litellm_params: params },
      });
      expect(created.status).toBe(400);
      const body = (await created.json()) as { error: { param: string } };
      answers.push(JSON.stringify(body));
      expect(body.error.param).toMatch(
        /^litellm_params\.aws_(role_name|profile_name|web_identity_token|sts_endpoint)$/,
      );
    },
  );

  it('/model/new takes api_key as an os.environ/ reference: a Bedrock API key for an API-created model', async () => {
    const created = await fixture.gateway.request('/model/new', {
      method: 'POST',
      json: {
        model_name: 'api-bearer',
        litellm_params: {
          model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
          api_key: 'os.environ/QUARRY_TEST_BEDROCK_API_KEY',
        },
      },
    });
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { model_info: { id: string } }).model_info.id;
    try {
      await chat('api-bearer');
    } finally {
      // The test database is shared: a model left behind would show in other suites' model lists.
      await fixture.gateway.request('/model/delete', { method: 'POST', json: { id } });
    }
  });

  it('never puts a key, token or external id in an answer or a log line', () => {
    const issued = fixture.emulator.sts
      .issued()
      .flatMap((session) => [session.secretAccessKey, session.sessionToken]);
    const logs = fixture.logLines.map((line) => JSON.stringify(line)).join('\n');
    expect(issued.length).toBeGreaterThan(5);
    for (const secret of [...fixture.secrets, ...issued]) {
      for (const answer of answers) expect(answer).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
