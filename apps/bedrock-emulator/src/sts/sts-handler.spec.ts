import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  DEFAULT_WEB_IDENTITY_TOKEN,
  startEmulator,
  type RunningEmulator,
} from '../index';

const ROLE = 'arn:aws:iam::123456789012:role/quarry-bedrock';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    stsMinDurationSeconds: 60,
    stsRoleExternalIds: { 'arn:aws:iam::123456789012:role/partner': 'partner-external-id' },
  });
});
afterAll(() => emulator.close());

const sts = (
  credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
) => new STSClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });

function bedrock(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials,
    authSchemePreference: ['sigv4'],
    requestHandler: new NodeHttpHandler(),
  });
}
const converse = new ConverseCommand({
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  messages: [{ role: 'user', content: [{ text: 'hi' }] }],
});

describe('emulator STS (with the AWS SDK STS client)', () => {
  it('AssumeRole issues expiring credentials that Bedrock calls may sign with, session token and all', async () => {
    const { Credentials, AssumedRoleUser } = await sts().send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'gateway', DurationSeconds: 900 }),
    );
    expect(AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/quarry-bedrock/gateway');
    expect(Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(800_000);
    const temporary = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const answer = await bedrock(temporary).send(converse);
    expect(answer.output?.message?.role).toBe('assistant');
    await expect(bedrock({ ...temporary, sessionToken: 'forged' }).send(converse)).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    expect(emulator.sts.calls.at(-1)).toMatchObject({
      action: 'AssumeRole',
      callerAccessKeyId: DEFAULT_ACCESS_KEY_ID,
      roleSessionName: 'gateway',
    });
  });

  it('refuses an unknown caller, a missing external id and an unknown web identity token in AWS error XML', async () => {
    await expect(
      sts({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'gateway' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await expect(
      sts().send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/partner', RoleSessionName: 'g1' }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      sts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: ROLE,
          RoleSessionName: 'g1',
          WebIdentityToken: 'forged',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidIdentityTokenException', $metadata: { httpStatusCode: 400 } });
    const partner = await sts().send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/partner',
        RoleSessionName: 'g1',
        ExternalId: 'partner-external-id',
      }),
    );
    expect(partner.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('AssumeRoleWithWebIdentity takes an accepted token without a signature', async () => {
    const answer = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'irsa',
        WebIdentityToken: DEFAULT_WEB_IDENTITY_TOKEN,
        DurationSeconds: 60,
      }),
    );
    expect(answer.Credentials?.SessionToken).toBeTruthy();
    expect(answer.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });
});
