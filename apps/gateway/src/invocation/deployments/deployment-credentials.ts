// How a deployment authenticates to AWS, from its litellm_params (LiteLLM's names, `os.environ/` references
// already resolved) and the gateway's environment, in LiteLLM's order of precedence:
//   aws_web_identity_token + aws_role_name → STS AssumeRoleWithWebIdentity
//   aws_role_name (+ aws_session_name, aws_external_id) → STS AssumeRole, from the explicit keys when given,
//     else from the default chain
//   aws_profile_name → the shared config/credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)
//   aws_access_key_id + aws_secret_access_key (+ aws_session_token) → those keys
//   aws_bedrock_api_key or api_key (else AWS_BEARER_TOKEN_BEDROCK) → a Bedrock API key, sent as a bearer token
//   otherwise → the AWS SDK's default chain (environment, profile, IRSA token file, container, instance)
// STS calls go to aws_sts_endpoint, else AWS_ENDPOINT_URL_STS, else AWS's regional endpoint. Every method
// but plain keys gets a provider shared with every deployment configured alike (credential-providers.ts).
import type { AwsClientConfig, AwsCredentialProviders, AwsCredentialSource } from '@quarry/bedrock';

/** What CloudTrail shows for the gateway's role sessions when aws_session_name is not given. */
export const DEFAULT_SESSION_NAME = 'quarry-gateway';

export type DeploymentAuth = Pick<AwsClientConfig, 'credentials' | 'bearerToken'>;

export function deploymentAuth(
  params: Readonly<Record<string, unknown>>,
  region: string,
  env: NodeJS.ProcessEnv,
  providers: AwsCredentialProviders,
): DeploymentAuth {
  const source = credentialSourceOf(params, region, env);
  if (source) return { credentials: providers.for(source) };
  const accessKeyId = text(params.aws_access_key_id);
  const secretAccessKey = text(params.aws_secret_access_key);
  if (accessKeyId && secretAccessKey)
    return {
      credentials: { accessKeyId, secretAccessKey, sessionToken: text(params.aws_session_token) },
      // Kept as before: an API key alongside keys is unused (SigV4 wins), but stays visible to checks.
      bearerToken: text(params.aws_bedrock_api_key) ?? text(params.api_key),
    };
  const bearerToken =
    text(params.aws_bedrock_api_key) ?? text(params.api_key) ?? text(env.AWS_BEARER_TOKEN_BEDROCK);
  if (bearerToken) return { bearerToken };
  return {
    credentials: providers.for({
      kind: 'default-chain',
      files: filesOf(env),
      sts: stsOf(params, region, env),
    }),
  };
}

/** The provider-backed methods (roles, web identity, profiles); undefined for keys, API keys and the default chain. */
function credentialSourceOf(
  params: Readonly<Record<string, unknown>>,
  region: string,
  env: NodeJS.ProcessEnv,
): AwsCredentialSource | undefined {
  const roleArn = text(params.aws_role_name);
  const sessionName = text(params.aws_session_name) ?? DEFAULT_SESSION_NAME;
  const sts = stsOf(params, region, env);
  const token = text(params.aws_web_identity_token);
  if (roleArn && token) return { kind: 'web-identity', roleArn, sessionName, token, sts };
  if (roleArn) {
    const accessKeyId = text(params.aws_access_key_id);
    const secretAccessKey = text(params.aws_secret_access_key);
    return {
      kind: 'assume-role',
      roleArn,
      sessionName,
      externalId: text(params.aws_external_id),
      sourceKeys:
        accessKeyId && secretAccessKey
          ? { accessKeyId, secretAccessKey, sessionToken: text(params.aws_session_token) }
          : undefined,
      files: filesOf(env),
      sts,
    };
  }
  const profile = text(params.aws_profile_name);
  if (profile) return { kind: 'profile', profile, files: filesOf(env), sts };
  return undefined;
}

function stsOf(params: Readonly<Record<string, unknown>>, region: string, env: NodeJS.ProcessEnv) {
  return { region, endpoint: text(params.aws_sts_endpoint) ?? text(env.AWS_ENDPOINT_URL_STS) };
}

/** The variables the SDK would read from the process, read from the gateway's environment instead. */
function filesOf(env: NodeJS.ProcessEnv) {
  return {
    configFile: text(env.AWS_CONFIG_FILE),
    credentialsFile: text(env.AWS_SHARED_CREDENTIALS_FILE),
    profile: text(env.AWS_PROFILE),
    webIdentityTokenFile: text(env.AWS_WEB_IDENTITY_TOKEN_FILE),
    roleArn: text(env.AWS_ROLE_ARN),
    roleSessionName: text(env.AWS_ROLE_SESSION_NAME),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
