// The deployment validator: checks one model_list entry of a LiteLLM config (model_name, litellm_params,
// model_info) and says which litellm_params are gateway settings and which are secrets. Shared by
// config.yaml loading and the /model/* endpoints, so both accept exactly the same deployments.
import { MODEL_INFO_PRICE_FIELDS } from '@quarry/bedrock';
import { isAwsRegionName } from './aws-region-name';
import { credentialSettingProblems } from './credential-settings';
import {
  ENDPOINT_PARAMS,
  NUMBER_PARAMS,
  STRING_PARAMS,
  isUndeclaredSecret,
  settingOf,
} from './deployment-settings';
import { isObject } from './is-object';
import { structuredSettingProblems } from './structured-settings';

export interface ConfigModel {
  modelName: string;
  /** As written: `os.environ/NAME` references are kept, never resolved here. */
  litellmParams: Record<string, unknown>;
  modelInfo: Record<string, unknown>;
  /** Names of settings the gateway understands but does not act on: a start-up warning, or a 400 from the API. */
  unusedSettings: string[];
}

export const MODEL_MODES = [
  'chat',
  'completion',
  'embedding',
  'image_generation',
  'rerank',
  'batch',
  'agent',
  'knowledge_base',
  'guardrail',
] as const;

export { GATEWAY_PARAMS, SECRET_PARAMS } from './deployment-settings';

type Path = (string | number)[];

export function validateDeploymentEntry(
  entry: unknown,
  path: Path,
  at: (path: Path) => string = (p) => p.join('.'),
): { model: ConfigModel } | { problems: string[] } {
  const problems: string[] = [];
  const field = (suffix: Path) => `${at([...path, ...suffix])}: ${[...path, ...suffix].join('.')}`;
  if (!isObject(entry)) return { problems: [`${at(path)}: each model_list entry must be a mapping`] };

  const modelName = entry.model_name;
  if (typeof modelName !== 'string' || modelName.trim() === '')
    problems.push(`${field(['model_name'])} is required and must be a non-empty string`);

  const params = entry.litellm_params;
  if (!isObject(params)) {
    problems.push(`${field(['litellm_params'])} is required and must be a mapping`);
  } else {
    for (const key of STRING_PARAMS) {
      if (params[key] !== undefined && typeof params[key] !== 'string')
        problems.push(`${field(['litellm_params', key])} must be a string`);
    }
    if (typeof params.model !== 'string') problems.push(`${field(['litellm_params', 'model'])} is required`);
    else if (!params.model.startsWith('bedrock/'))
      problems.push(
        `${field(['litellm_params', 'model'])} must start with "bedrock/" (Quarry serves Amazon Bedrock models)`,
      );
    problems.push(...credentialSettingProblems(params, (key) => field(['litellm_params', key])));
    for (const key of ENDPOINT_PARAMS) {
      const value = params[key];
      if (typeof value === 'string' && !value.startsWith('os.environ/') && !/^https?:\/\//.test(value))
        problems.push(`${field(['litellm_params', key])} must be an http(s) URL`);
    }
    const region = params.aws_region_name;
    if (typeof region === 'string' && !region.startsWith('os.environ/') && !isAwsRegionName(region))
      problems.push(
        `${field(['litellm_params', 'aws_region_name'])} must be an AWS region name (like us-east-1)`,
      );
    for (const key of NUMBER_PARAMS) {
      const value = params[key];
      if (value !== undefined && (typeof value !== 'number' || value < 0))
        problems.push(`${field(['litellm_params', key])} must be a non-negative number`);
    }
    // The router weighs by weight and tiers by order: a zero weight or a fractional or zero tier has no
    // meaning (negative values are already reported as such above).
    const { weight, order } = params;
    if (typeof weight === 'number' && weight >= 0 && !(weight > 0 && Number.isFinite(weight)))
      problems.push(`${field(['litellm_params', 'weight'])} must be a positive number`);
    if (typeof order === 'number' && order >= 0 && !(Number.isInteger(order) && order >= 1))
      problems.push(`${field(['litellm_params', 'order'])} must be a positive integer (1 is tried first)`);
    const deploymentName = typeof modelName === 'string' ? `model "${modelName}"` : 'this model';
    problems.push(
      ...structuredSettingProblems(params, (suffix) => field(['litellm_params', ...suffix]), deploymentName),
    );
  }

  const info = entry.model_info ?? {};
  if (!isObject(info)) problems.push(`${field(['model_info'])} must be a mapping`);
  else {
    if (info.mode !== undefined && !MODEL_MODES.includes(info.mode))
      problems.push(`${field(['model_info', 'mode'])} must be one of ${MODEL_MODES.join(', ')}`);
    if (
      info.access_groups !== undefined &&
      (!Array.isArray(info.access_groups) ||
        info.access_groups.some((group: unknown) => typeof group !== 'string'))
    )
      problems.push(`${field(['model_info', 'access_groups'])} must be a list of strings`);
    if (info.base_model !== undefined && typeof info.base_model !== 'string')
      problems.push(`${field(['model_info', 'base_model'])} must be a string`);
    if (info.id !== undefined && typeof info.id !== 'string')
      problems.push(`${field(['model_info', 'id'])} must be a string`);
    for (const key of MODEL_INFO_PRICE_FIELDS) {
      const value = info[key];
      if (value !== undefined && (typeof value !== 'number' || !(value >= 0)))
        problems.push(`${field(['model_info', key])} must be a number ≥ 0`);
    }
  }

  for (const key of Object.keys(entry)) {
    if (!['model_name', 'litellm_params', 'model_info'].includes(key))
      problems.push(
        `${field([key])} is not a model_list field (expected model_name, litellm_params, model_info)`,
      );
  }

  if (problems.length > 0) return { problems };
  return {
    model: {
      modelName: (modelName as string).trim(),
      litellmParams: params as Record<string, unknown>,
      modelInfo: info as Record<string, unknown>,
      unusedSettings: unusedSettings(params as Record<string, unknown>),
    },
  };
}

/** The litellm_params the gateway understands but does not act on, and undeclared credentials. */
function unusedSettings(params: Record<string, unknown>): string[] {
  return Object.keys(params).filter(
    (key) => settingOf(key)?.use === 'unused' || isUndeclaredSecret(key, params[key]),
  );
}
