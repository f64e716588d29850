// The one declaration of every deployment setting (litellm_params key) the gateway understands: what
// its value is, whether it holds a secret or names an endpoint, and what the gateway does with it.
// Every list elsewhere (never forwarded to Bedrock, masked in /model/info, checked as a URL, warned
// about) is derived from this table, so a setting added here can never leak into a Bedrock body.
// Keys not in this table are model parameters (top_k, guardrailConfig, …) and are forwarded, except
// those that look like credentials or read the environment (isUndeclaredSecret): ignored with a warning.
import { MODEL_INFO_PRICE_FIELDS } from '@quarry/bedrock';
import { isEnvReference } from './env-reference';

/**
 * - `used`: the gateway acts on it;
 * - `unused`: a LiteLLM setting Quarry does not act on (yet): a start-up warning in config.yaml, a 400
 *   from /model/new, never forwarded.
 */
export type SettingUse = 'used' | 'unused';

export interface DeploymentSetting {
  /** `message`: {role, content}; `headers`: header name → string (both checked in structured-settings.ts). */
  value: 'string' | 'number' | 'boolean' | 'message' | 'headers' | 'any';
  use: SettingUse;
  /** Holds a credential: masked in /model/info, an `os.environ/` reference when created through the API. */
  secret?: true;
  /** Names a host the gateway would send requests (and AWS credentials) to. */
  endpoint?: true;
  /** Honoured only from config.yaml: /model/new answers it with a 400 rather than storing it unused. */
  configOnly?: true;
  /** Why it is unused, or which setting it stands for; shown in the warning or the 400. */
  note?: string;
}

const used = (value: DeploymentSetting['value'], extra: Partial<DeploymentSetting> = {}) =>
  ({ value, use: 'used', ...extra }) as DeploymentSetting;
const unused = (value: DeploymentSetting['value'], note: string, extra: Partial<DeploymentSetting> = {}) =>
  ({ value, use: 'unused', note, ...extra }) as DeploymentSetting;

const PRICE_IN_MODEL_INFO = 'prices are read from model_info';

export const DEPLOYMENT_SETTINGS: Readonly<Record<string, DeploymentSetting>> = {
  model: used('string'),
  model_id: used('string'),
  aws_region_name: used('string'),
  aws_access_key_id: used('string', { secret: true }),
  aws_secret_access_key: used('string', { secret: true }),
  aws_session_token: used('string', { secret: true }),
  aws_bedrock_api_key: used('string', { secret: true }),
  aws_bedrock_runtime_endpoint: used('string', { endpoint: true }),
  num_retries: used('number'),
  // Seconds this deployment stays out of the rotation after too many failures (invocation/cooldowns).
  cooldown_time: used('number'),
  timeout: used('number'),
  // LiteLLM's name for the same per-deployment timeout (seconds).
  request_timeout: used('number', { note: 'same as timeout' }),
  // Longest silence of a stream from this deployment, before its first chunk or between two (seconds).
  stream_timeout: used('number'),
  drop_params: used('boolean'),
  modify_params: used('boolean'),
  // The turn modify_params inserts when Bedrock needs one ({role, content}); see structured-settings.ts.
  user_continue_message: used('message'),
  // Requests and tokens per minute this deployment takes (invocation/limits): over them, another
  // deployment of the model serves the call, or it is refused with a 429 when none can.
  rpm: used('number'),
  tpm: used('number'),
  // The router's: a share of simple-shuffle's picks (positive), and a priority tier (1 is tried first;
  // a higher order serves only when the lower ones cannot). See invocation/routing and docs/routing.md.
  weight: used('number'),
  order: used('number'),
  // Sent with every bedrock-runtime call; headers may carry credentials, so only the operator's file sets them.
  extra_headers: used('headers', { secret: true, configOnly: true }),

  // Credential sources (docs/aws-credentials.md). Config-only: a role or profile is an identity of the
  // gateway's host, and whoever may name one through /model/new would act as it (privilege escalation).
  aws_profile_name: used('string', { configOnly: true }),
  aws_role_name: used('string', { configOnly: true }),
  aws_session_name: used('string', { configOnly: true }),
  aws_web_identity_token: used('string', { secret: true, configOnly: true }),
  aws_external_id: used('string', { secret: true, configOnly: true }),
  aws_sts_endpoint: used('string', { endpoint: true, configOnly: true }),
  aws_session_tags: unused('any', 'STS session tags are not supported'),
  // LiteLLM's name for a Bedrock API key (sent as a bearer token), like aws_bedrock_api_key.
  api_key: used('string', { secret: true, note: 'same as aws_bedrock_api_key' }),
  api_base: unused('string', 'use aws_bedrock_runtime_endpoint', { endpoint: true }),
  base_url: unused('string', 'use aws_bedrock_runtime_endpoint', { endpoint: true }),
  api_version: unused('string', 'Bedrock has no API versions'),
  // Where an agent deployment (bedrock/agent/…) sends InvokeAgent; bedrock-runtime endpoints do not serve agents.
  aws_bedrock_agent_runtime_endpoint: used('string', { endpoint: true }),
  aws_bedrock_endpoint: unused('string', 'the control plane is not used yet', { endpoint: true }),
  // Batch deployments (model_info.mode: batch): where files go and how jobs run (docs/batches.md).
  aws_s3_endpoint: used('string', { endpoint: true }),
  s3_bucket_name: used('string'),
  s3_output_bucket_name: used('string'),
  s3_region_name: used('string'),
  s3_access_key_id: used('string', { secret: true }),
  s3_secret_access_key: used('string', { secret: true }),
  s3_encryption_key_id: used('string'),
  aws_batch_role_arn: used('string'),
  max_retries: unused('number', 'use num_retries'),
  max_parallel_requests: unused('number', 'per-deployment concurrency is not limited yet'),
  ...Object.fromEntries(
    MODEL_INFO_PRICE_FIELDS.map((field) => [field, unused('number', PRICE_IN_MODEL_INFO)]),
  ),
};

function namesWhere(test: (setting: DeploymentSetting) => boolean): ReadonlySet<string> {
  return new Set(
    Object.entries(DEPLOYMENT_SETTINGS)
      .filter(([, setting]) => test(setting))
      .map(([name]) => name),
  );
}

/** Every setting the gateway understands: none of them is ever forwarded to Bedrock. */
export const GATEWAY_PARAMS = namesWhere(() => true);
export const SECRET_PARAMS = namesWhere((setting) => setting.secret === true);
export const ENDPOINT_PARAMS = namesWhere((setting) => setting.endpoint === true);
export const STRING_PARAMS = namesWhere((setting) => setting.value === 'string');
export const NUMBER_PARAMS = namesWhere((setting) => setting.value === 'number');
export const CONFIG_ONLY_PARAMS = namesWhere((setting) => setting.configOnly === true);

export function settingOf(name: string): DeploymentSetting | undefined {
  return Object.hasOwn(DEPLOYMENT_SETTINGS, name) ? DEPLOYMENT_SETTINGS[name] : undefined;
}

// Other providers' credentials (vertex_credentials, azure_ad_token, …) and typos of AWS's. "token" as a
// whole name part (session_token, bearer_token), not max_tokens or top_k-like model params.
const SECRET_LOOKING = /secret|password|api_key|credential|(^|_)token($|_)/i;

/** A declared secret, or a name that looks like one: masked in /model/info, never stored as a value. */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name) || SECRET_LOOKING.test(name);
}

/**
 * A key the table does not declare that is still no model parameter: a credential-looking name, or a
 * value read from the environment (how LiteLLM configs give secrets). Resolved, it would otherwise be
 * forwarded to Bedrock as a model parameter, secret and all.
 */
export function isUndeclaredSecret(name: string, value: unknown): boolean {
  return settingOf(name) === undefined && (SECRET_LOOKING.test(name) || isEnvReference(value));
}

/** Whether a litellm_params key (with its value as written, before resolution) goes to Bedrock. */
export function isModelParameter(name: string, value: unknown): boolean {
  return !GATEWAY_PARAMS.has(name) && !isUndeclaredSecret(name, value);
}

const UNDECLARED_SECRET_NOTE =
  'not a Quarry setting, and a credential or a value read from the environment is never sent to Bedrock';

/** "litellm_params.api_version is not used by Quarry (Bedrock has no API versions) and is ignored" */
export function unusedSettingMessage(name: string): string {
  const note = settingOf(name)?.note ?? UNDECLARED_SECRET_NOTE;
  return `litellm_params.${name} is not used by Quarry (${note}) and is ignored`;
}

/** "timeout" and LiteLLM's "request_timeout" set the same thing; `timeout` wins when both are given. */
export function deploymentTimeoutSeconds(params: Readonly<Record<string, unknown>>): number | undefined {
  const value = params.timeout ?? params.request_timeout;
  return typeof value === 'number' ? value : undefined;
}
