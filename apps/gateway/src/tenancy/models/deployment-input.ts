// Validates a deployment sent to /model/new or /model/update with the same rules as config.yaml, plus the
// rules for deployments that anyone with an admin key can write (source 'db'): credentials must be
// `os.environ/NAME` references, because the database must never hold secrets; endpoints must name an
// allow-listed host (AWS's domains, or QUARRY_ALLOWED_ENDPOINT_HOSTS), because the gateway's AWS
// credentials go where the endpoint points; settings the gateway does not use are a 400; and no
// other value may be an `os.environ/` reference, because that would let an API caller read any
// environment variable of the gateway into a request. config.yaml models keep LiteLLM's full behaviour.
import { OpenAIError } from '@quarry/openai';
import { validateDeploymentEntry, type ConfigModel } from '../../platform/config/deployment-validator';
import {
  CONFIG_ONLY_PARAMS,
  ENDPOINT_PARAMS,
  isSecretParam,
  unusedSettingMessage,
} from '../../platform/config/deployment-settings';
import { endpointProblem, type EndpointAllowList } from '../../platform/config/endpoint-allow-list';
import { isEnvReference } from '../../platform/config/env-reference';

/** The only litellm_params of an API-created deployment that may be `os.environ/NAME` references. */
export const DB_ENV_REFERENCE_PARAMS: ReadonlySet<string> = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_bedrock_api_key',
  // LiteLLM's name for the same Bedrock API key.
  'api_key',
  'aws_region_name',
]);

/** A model_list entry as /model/new sends it (or /model/update after merging it with the stored one). */
export interface DeploymentInput {
  model_name: string;
  litellm_params: Readonly<Record<string, unknown>>;
  model_info?: Readonly<Record<string, unknown>> | null;
}

export function validateDeploymentInput(
  entry: DeploymentInput,
  allowedEndpointHosts: EndpointAllowList,
): ConfigModel {
  const result = validateDeploymentEntry(entry, [], () => '');
  if ('problems' in result) {
    const messages = result.problems.map((problem) => problem.replace(/^: /, ''));
    throw OpenAIError.badRequest(
      messages.join('; '),
      /^(\S+)/.exec(messages[0] ?? '')?.[1] ?? null,
      'invalid_model',
    );
  }
  const params = result.model.litellmParams;
  for (const [name, value] of Object.entries(params)) {
    if (isSecretParam(name) && value !== undefined && value !== null && !isEnvReference(value))
      throw OpenAIError.badRequest(
        `litellm_params.${name} must be an os.environ/NAME reference: Quarry does not store credentials in the database`,
        `litellm_params.${name}`,
        'secret_not_allowed',
      );
  }
  const reference = envReferenceOutsideCredentials(result.model);
  if (reference)
    throw OpenAIError.badRequest(
      `${reference}: os.environ/ references are allowed only in ${[...DB_ENV_REFERENCE_PARAMS].join(', ')} of models created through the API`,
      reference,
      'env_reference_not_allowed',
    );
  const unused = result.model.unusedSettings[0];
  if (unused !== undefined)
    throw OpenAIError.badRequest(unusedSettingMessage(unused), `litellm_params.${unused}`, 'unused_setting');
  for (const name of CONFIG_ONLY_PARAMS)
    if (params[name] !== undefined && params[name] !== null)
      throw OpenAIError.badRequest(
        `litellm_params.${name} can be set only in config.yaml`,
        `litellm_params.${name}`,
        'config_only_setting',
      );
  checkEndpoints(params, allowedEndpointHosts);
  return result.model;
}

/** Only the proxy admin gets here (the models service checks first): a team admin never sets an endpoint. */
function checkEndpoints(params: Readonly<Record<string, unknown>>, allowedHosts: EndpointAllowList): void {
  for (const name of ENDPOINT_PARAMS) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    const problem = typeof value === 'string' ? endpointProblem(value, allowedHosts) : 'must be an https URL';
    if (problem)
      throw OpenAIError.badRequest(
        `litellm_params.${name} ${problem}`,
        `litellm_params.${name}`,
        'endpoint_not_allowed',
      );
  }
}

/** The path of the first `os.environ/` value that is not a credential param, if any (searched deeply). */
function envReferenceOutsideCredentials(model: ConfigModel): string | undefined {
  const entry = {
    model_name: model.modelName,
    litellm_params: Object.fromEntries(
      Object.entries(model.litellmParams).filter(([name]) => !DB_ENV_REFERENCE_PARAMS.has(name)),
    ),
    model_info: model.modelInfo,
  };
  return findEnvReference(entry, '');
}

function findEnvReference(value: unknown, path: string): string | undefined {
  if (isEnvReference(value)) return path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = findEnvReference(item, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}
