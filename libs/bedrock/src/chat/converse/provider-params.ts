// Provider-specific parameters (top-level keys that are not OpenAI's) and the deployment's extra
// litellm_params → Bedrock members (guardrailConfig, performanceConfig, requestMetadata, serviceTier,
// additionalModelRequestFields, …) and model-native fields in additionalModelRequestFields.
// Deployment values come first; the request's own values override them.
import { CHECKED_CHAT_REQUEST_KEYS, OpenAIError, checkChatRequestSettings } from '@quarry/openai';
import type { ChatCompletionRequest } from '@quarry/openai';
import { deploymentConfigError } from '../../deployment-config-error';
import type { ModelFamily } from '../../model-family';
import type { ConverseDraft } from './converse-draft';
import { requestMetadataProblem } from './request-metadata';
import { isConnectionKey, isKnownRequestKey } from './unsupported-params';

/**
 * Families whose Converse models take native extra fields in additionalModelRequestFields (Anthropic:
 * top_k, anthropic_beta, …; Mistral and Cohere: top_k and friends; Nova: under `inferenceConfig`).
 * Others (Llama, Titan, AI21, DeepSeek, …) document no extra fields: an unknown key is a 400 (or
 * dropped under drop_params) rather than a Bedrock ValidationException later.
 */
const PASSTHROUGH_FAMILIES: ReadonlySet<ModelFamily> = new Set([
  'anthropic',
  'mistral',
  'cohere',
  'amazon-nova',
]);

const GUARDRAIL_TRACES = ['enabled', 'disabled', 'enabled_full'];
const STREAM_PROCESSING_MODES = ['sync', 'async'];
const LATENCIES = ['standard', 'optimized'];
const SERVICE_TIERS = ['default', 'flex', 'priority', 'reserved'];

export interface ProviderParamOptions {
  deploymentParams: Record<string, unknown>;
  dropParams: boolean;
  /** guardrailConfig.streamProcessingMode exists only for ConverseStream. */
  stream: boolean;
}

type Source = 'request' | 'deployment';

export function applyProviderParams(
  draft: ConverseDraft,
  request: ChatCompletionRequest,
  options: ProviderParamOptions,
): void {
  const deploymentParams = options.deploymentParams;
  for (const key in deploymentParams) {
    if (isConnectionKey(key) || isKnownRequestKey(key)) continue;
    applyParam(draft, key, deploymentParams[key], 'deployment', options);
  }
  applyOpenAIServiceTier(draft, request, options);
  for (const key in request) {
    if (isKnownRequestKey(key)) continue;
    if (OPERATOR_CONTROLS.has(key) && deploymentParams[key] !== undefined && request[key] !== undefined) {
      throw OpenAIError.badRequest(
        `${key} is set by this deployment's operator and cannot be changed per request`,
        key,
        'operator_controlled_param',
      );
    }
    applyParam(draft, key, request[key], 'request', options);
  }
}

/**
 * OpenAI's `service_tier` is Bedrock's `serviceTier` (as LiteLLM maps it): `auto` leaves the choice to
 * Bedrock (nothing is sent); `default`, `flex` and `priority` are sent; the tier changes the price.
 */
function applyOpenAIServiceTier(
  draft: ConverseDraft,
  request: ChatCompletionRequest,
  options: ProviderParamOptions,
): void {
  const tier = request.service_tier;
  if (tier === undefined || tier === null || tier === 'auto') return;
  if (options.deploymentParams.serviceTier !== undefined) {
    throw OpenAIError.badRequest(
      "service_tier is set by this deployment's operator (serviceTier) and cannot be changed per request",
      'service_tier',
      'operator_controlled_param',
    );
  }
  if (typeof tier !== 'string' || !['default', 'flex', 'priority'].includes(tier)) {
    throw OpenAIError.badRequest(
      "service_tier must be one of 'auto', 'default', 'flex', 'priority'",
      'service_tier',
    );
  }
  draft.topLevel.serviceTier = { type: tier };
}

/**
 * Settings an operator may fix on a deployment so clients cannot loosen them: a guardrail is a policy
 * control, and the service tier changes what Bedrock bills.
 */
const OPERATOR_CONTROLS = new Set(['guardrailConfig', 'serviceTier']);

/**
 * OpenAI parameters set on the deployment (temperature, max_tokens, …) are defaults for requests that
 * do not set them. The merged settings are validated again (the messages, unchanged, are not), so
 * operator typos fail as clearly as client ones.
 */
export function withDeploymentDefaults(
  request: ChatCompletionRequest,
  deploymentParams: Record<string, unknown>,
): ChatCompletionRequest {
  let merged: Record<string, unknown> | undefined;
  for (const key in deploymentParams) {
    if (!CHECKED_CHAT_REQUEST_KEYS.has(key) || key === 'model' || key === 'messages') continue;
    if (request[key] !== undefined && request[key] !== null) continue;
    merged ??= { ...request };
    merged[key] = deploymentParams[key];
  }
  if (!merged) return request;
  checkChatRequestSettings(merged);
  return merged as ChatCompletionRequest;
}

function applyParam(
  draft: ConverseDraft,
  key: string,
  value: unknown,
  source: Source,
  options: ProviderParamOptions,
): void {
  if (value === undefined || value === null) return;
  const topLevel = draft.topLevel;
  switch (key) {
    case 'guardrailConfig':
      topLevel.guardrailConfig = {
        ...asRecord(topLevel.guardrailConfig),
        ...guardrailConfig(value, source, options.stream),
      };
      return;
    case 'performanceConfig': {
      const config = expectObject(value, key, source);
      checkEnum(config.latency, 'performanceConfig.latency', LATENCIES, source, true);
      topLevel.performanceConfig = { latency: config.latency };
      return;
    }
    case 'requestMetadata': {
      // Checked merged: the deployment's pairs and the request's together must fit Bedrock's limits.
      const merged = { ...asRecord(topLevel.requestMetadata), ...expectObject(value, key, source) };
      const problem = requestMetadataProblem(merged);
      if (problem) fail(problem.message, problem.param, source);
      topLevel.requestMetadata = merged as Record<string, string>;
      return;
    }
    case 'serviceTier': {
      const type = typeof value === 'string' ? value : expectObject(value, key, source).type;
      checkEnum(type, 'serviceTier.type', SERVICE_TIERS, source, true);
      topLevel.serviceTier = { type };
      return;
    }
    case 'additionalModelRequestFields':
      Object.assign(draft.additionalFields, expectObject(value, key, source));
      return;
    case 'additionalModelResponseFieldPaths':
      if (!Array.isArray(value) || !value.every((path) => typeof path === 'string')) {
        fail('additionalModelResponseFieldPaths must be an array of strings', key, source);
      }
      topLevel.additionalModelResponseFieldPaths = value;
      return;
    case 'promptVariables':
      topLevel.promptVariables = expectObject(value, key, source);
      return;
    default:
      applyModelField(draft, key, value, source, options.dropParams);
  }
}

function applyModelField(
  draft: ConverseDraft,
  key: string,
  value: unknown,
  source: Source,
  dropParams: boolean,
): void {
  const family = draft.capabilities.family;
  // Anthropic's output_config (effort) exists from Claude 4.5 on; anywhere else Bedrock refuses it.
  const unsupported =
    key === 'output_config'
      ? !draft.capabilities.supportsClaude45Controls
      : !PASSTHROUGH_FAMILIES.has(family);
  if (unsupported) {
    // A deployment's extra field that this family cannot take is an operator choice, not the client's error.
    if (dropParams || source === 'deployment') return;
    throw OpenAIError.badRequest(
      `${key} is not a supported parameter for ${key === 'output_config' ? 'this model (Claude 4.5 or later only)' : `${family} models`} on Bedrock; set drop_params to drop it`,
      key,
    );
  }
  if (family === 'amazon-nova' && key === 'top_k') {
    // Nova takes topK inside an inferenceConfig object of additionalModelRequestFields (Nova user guide).
    draft.additionalFields.inferenceConfig = {
      ...asRecord(draft.additionalFields.inferenceConfig),
      topK: value,
    };
    return;
  }
  draft.additionalFields[key] = value;
}

function guardrailConfig(value: unknown, source: Source, stream: boolean): Record<string, unknown> {
  const config = expectObject(value, 'guardrailConfig', source);
  const result: Record<string, unknown> = {};
  for (const key in config) {
    const field = config[key];
    switch (key) {
      case 'guardrailIdentifier':
      case 'guardrailVersion':
        if (typeof field !== 'string' || field.length === 0) {
          fail(`guardrailConfig.${key} must be a non-empty string`, `guardrailConfig.${key}`, source);
        }
        result[key] = field;
        break;
      case 'trace':
        checkEnum(field, 'guardrailConfig.trace', GUARDRAIL_TRACES, source, false);
        result.trace = field;
        break;
      case 'streamProcessingMode':
        checkEnum(field, 'guardrailConfig.streamProcessingMode', STREAM_PROCESSING_MODES, source, false);
        // Only ConverseStream has it; for a plain Converse call the mode has nothing to apply to.
        if (stream) result.streamProcessingMode = field;
        break;
      default:
        fail(`guardrailConfig.${key} is not a guardrailConfig field`, `guardrailConfig.${key}`, source);
    }
  }
  return result;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function expectObject(value: unknown, param: string, source: Source): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${param} must be an object`, param, source);
  return value as Record<string, unknown>;
}

function checkEnum(
  value: unknown,
  param: string,
  allowed: string[],
  source: Source,
  required: boolean,
): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    fail(`${param} must be one of ${allowed.map((option) => `'${option}'`).join(', ')}`, param, source);
  }
}

/** A bad request value is the client's 400; a bad deployment value is our configuration error. */
function fail(message: string, param: string, source: Source): never {
  if (source === 'request') throw OpenAIError.badRequest(message, param);
  throw deploymentConfigError(message);
}
