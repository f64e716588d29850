// A gateway whose deployments authenticate every way LiteLLM's config.yaml allows, against an emulator that
// serves Bedrock and STS on one port: shared config/credentials files (profiles, one that assumes a role),
// STS roles from explicit keys, with an external id, from the default chain; web identity tokens given as a
// value and as an os.environ/ reference; IRSA's AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN; a Bedrock API key;
// session keys that have expired. The AWS variables are set on process.env, which jest gives each test
// file its own copy of, and restored by close().
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import OpenAI from 'openai';
import {
  DEFAULT_WEB_IDENTITY_TOKEN,
  startEmulator,
  type RunningEmulator,
} from '../../apps/bedrock-emulator/src/index';
import { capturingLogger, type LogLine } from '../support/captured-logs';
import {
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
} from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

export const ACCOUNT = '123456789012';
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const PARTNER_ROLE = role('partner-bedrock');
export const PARTNER_EXTERNAL_ID = 'partner-external-id-5521';
export const IRSA_ROLE = role('irsa-gateway');
export const REFUSED_WEB_IDENTITY_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.forged-token-never-echoed';
const MODEL = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
/** The long-term key of the `bedrock-dev` profile: known to the emulator, given to the gateway only in the file. */
export const PROFILE_KEY = {
  accessKeyId: 'AKIAQUARRYPROFILE0001',
  secretAccessKey: 'profile-secret-key-in-a-file',
};

/** Variables the fixture sets on process.env (the gateway's default chain and os.environ/ references). */
const ENV_NAMES = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'QUARRY_TEST_WEB_IDENTITY_TOKEN',
  'QUARRY_TEST_BEDROCK_API_KEY',
  'QUARRY_TEST_EXPIRED_KEY',
  'QUARRY_TEST_EXPIRED_SECRET',
  'QUARRY_TEST_EXPIRED_TOKEN',
];

export interface CredentialsFixture {
  emulator: RunningEmulator;
  gateway: TestGateway;
  openai: OpenAI;
  logLines: LogLine[];
  /** The secrets the gateway holds: none may appear in an answer or a log line. */
  secrets: string[];
  close(): Promise<void>;
}

function deployment(name: string, lines: Record<string, string>): string {
  const settings = Object.entries({ model: MODEL, aws_region_name: EMULATOR_REGION, ...lines })
    .map(([key, value]) => `\n      ${key}: ${value}`)
    .join('');
  return `\n  - model_name: ${name}\n    litellm_params:${settings}`;
}

export async function startCredentialsFixture(): Promise<CredentialsFixture> {
  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  const emulator = await startEmulator({
    credentials: {
      [EMULATOR_CREDENTIALS.accessKeyId]: EMULATOR_CREDENTIALS.secretAccessKey,
      [PROFILE_KEY.accessKeyId]: PROFILE_KEY.secretAccessKey,
    },
    stsMinDurationSeconds: 60,
    stsRoleExternalIds: { [PARTNER_ROLE]: PARTNER_EXTERNAL_ID },
  });
  const sts = emulator.endpoint;
  const directory = await mkdtemp(join(tmpdir(), 'quarry-aws-'));
  const { accessKeyId, secretAccessKey } = EMULATOR_CREDENTIALS;
  await writeFile(
    join(directory, 'credentials'),
    `[bedrock-dev]\naws_access_key_id = ${PROFILE_KEY.accessKeyId}\naws_secret_access_key = ${PROFILE_KEY.secretAccessKey}\n`,
  );
  await writeFile(
    join(directory, 'config'),
    `[profile bedrock-role]\nrole_arn = ${role('profile-role')}\nsource_profile = bedrock-dev\nrole_session_name = quarry-profile-role\n`,
  );
  await writeFile(join(directory, 'token'), DEFAULT_WEB_IDENTITY_TOKEN);
  // Session keys issued for a minute: expired once a test moves the clock past it.
  const expired = await new STSClient({
    region: EMULATOR_REGION,
    endpoint: sts,
    credentials: EMULATOR_CREDENTIALS,
  }).send(
    new AssumeRoleCommand({
      RoleArn: role('short-lived'),
      RoleSessionName: 'pasted-keys',
      DurationSeconds: 60,
    }),
  );
  // The gateway's environment: config.yaml's os.environ/ references are checked against it at start-up,
  // and resolved (like the SDK's own variables) from process.env when clients are built.
  const gatewayEnv: Record<string, string> = {
    AWS_CONFIG_FILE: join(directory, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(directory, 'credentials'),
    AWS_WEB_IDENTITY_TOKEN_FILE: join(directory, 'token'),
    AWS_ROLE_ARN: IRSA_ROLE,
    AWS_ROLE_SESSION_NAME: 'quarry-irsa',
    QUARRY_TEST_WEB_IDENTITY_TOKEN: DEFAULT_WEB_IDENTITY_TOKEN,
    QUARRY_TEST_BEDROCK_API_KEY: EMULATOR_BEARER_TOKEN,
    QUARRY_TEST_EXPIRED_KEY: expired.Credentials!.AccessKeyId!,
    QUARRY_TEST_EXPIRED_SECRET: expired.Credentials!.SecretAccessKey!,
    QUARRY_TEST_EXPIRED_TOKEN: expired.Credentials!.SessionToken!,
  };
  Object.assign(process.env, gatewayEnv);
  const keys = { aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey };
  const configYaml = `model_list:${[
    deployment('profile-keys', { aws_profile_name: 'bedrock-dev' }),
    deployment('profile-role', { aws_profile_name: 'bedrock-role', aws_sts_endpoint: sts }),
    deployment('role-keys', {
      ...keys,
      aws_role_name: role('bedrock-a'),
      aws_session_name: 'role-keys',
      aws_sts_endpoint: sts,
    }),
    deployment('role-external-id', {
      ...keys,
      aws_role_name: PARTNER_ROLE,
      aws_session_name: 'partner',
      aws_external_id: PARTNER_EXTERNAL_ID,
      aws_sts_endpoint: sts,
    }),
    deployment('role-no-external-id', {
      ...keys,
      aws_role_name: PARTNER_ROLE,
      aws_session_name: 'partner-no-id',
      aws_sts_endpoint: sts,
    }),
    deployment('role-default-chain', {
      aws_role_name: role('bedrock-b'),
      aws_session_name: 'role-chained',
      aws_sts_endpoint: sts,
    }),
    deployment('web-identity-value', {
      aws_role_name: role('oidc'),
      aws_session_name: 'oidc-value',
      aws_web_identity_token: DEFAULT_WEB_IDENTITY_TOKEN,
      aws_sts_endpoint: sts,
    }),
    deployment('web-identity-env', {
      aws_role_name: role('oidc'),
      aws_session_name: 'oidc-env',
      aws_web_identity_token: 'os.environ/QUARRY_TEST_WEB_IDENTITY_TOKEN',
      aws_sts_endpoint: sts,
    }),
    deployment('web-identity-refused', {
      aws_role_name: role('oidc'),
      aws_session_name: 'oidc-refused',
      aws_web_identity_token: REFUSED_WEB_IDENTITY_TOKEN,
      aws_sts_endpoint: sts,
    }),
    deployment('irsa', { aws_sts_endpoint: sts }),
    deployment('bedrock-api-key', { api_key: 'os.environ/QUARRY_TEST_BEDROCK_API_KEY' }),
    deployment('expired-session', {
      aws_access_key_id: 'os.environ/QUARRY_TEST_EXPIRED_KEY',
      aws_secret_access_key: 'os.environ/QUARRY_TEST_EXPIRED_SECRET',
      aws_session_token: 'os.environ/QUARRY_TEST_EXPIRED_TOKEN',
    }),
  ].join('')}\n`;
  const { logger, lines: logLines } = capturingLogger('debug');
  const gateway = await startTestGateway({
    configYaml,
    awsEndpoint: emulator.endpoint,
    logger,
    env: gatewayEnv,
  });
  const { key } = await createKey(gateway);
  const openai = new OpenAI({ apiKey: key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  return {
    emulator,
    gateway,
    openai,
    logLines,
    secrets: [
      secretAccessKey,
      PROFILE_KEY.secretAccessKey,
      DEFAULT_WEB_IDENTITY_TOKEN,
      REFUSED_WEB_IDENTITY_TOKEN,
      PARTNER_EXTERNAL_ID,
      EMULATOR_BEARER_TOKEN,
      expired.Credentials!.SecretAccessKey!,
      expired.Credentials!.SessionToken!,
    ],
    async close() {
      await gateway.close();
      await emulator.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
