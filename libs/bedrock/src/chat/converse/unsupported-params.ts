// OpenAI parameters Bedrock cannot honour are refused with a 400 that names them, unless the caller
// set drop_params. Their default values (n: 1, logprobs: false, presence_penalty: 0, null, …) change
// nothing, so they pass silently. Fields that only concern the gateway or OpenAI's own platform are
// consumed here and never forwarded.
import { OpenAIError, CHECKED_CHAT_REQUEST_KEYS } from '@quarry/openai';
import type { ChatCompletionRequest } from '@quarry/openai';

type IsHarmless = (value: unknown) => boolean;

const never: IsHarmless = () => false;
const isOne: IsHarmless = (value) => value === 1;
const isFalse: IsHarmless = (value) => value === false;
const isZero: IsHarmless = (value) => value === 0;
const isEmptyObject: IsHarmless = (value) =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;
const isTextOnly: IsHarmless = (value) =>
  Array.isArray(value) && value.every((modality) => modality === 'text');
const isMediumVerbosity: IsHarmless = (value) => value === 'medium';

/** Parameter → "this value asks for nothing Bedrock lacks". */
const UNSUPPORTED = new Map<string, IsHarmless>(
  Object.entries({
    n: isOne,
    logprobs: isFalse,
    top_logprobs: isZero,
    frequency_penalty: isZero,
    presence_penalty: isZero,
    seed: never,
    logit_bias: isEmptyObject,
    audio: never,
    modalities: isTextOnly,
    prediction: never,
    web_search_options: never,
    functions: never,
    function_call: never,
    verbosity: isMediumVerbosity,
    // LiteLLM's test hook: a gateway that answered it would let clients fake completions (and spend).
    mock_response: never,
  }),
);

/**
 * Consumed without effect on the Bedrock request:
 * - store, metadata, safety_identifier, prompt_cache_key, prompt_cache_retention, user: OpenAI platform
 *   features or tracking ids; the gateway logs `user`/`metadata` itself;
 * - service_tier: becomes Bedrock's serviceTier in provider-params.ts;
 * - stream, stream_options: the gateway picks Converse vs ConverseStream, and Converse always reports
 *   usage (sending include_usage upstream is a Bedrock 400, LiteLLM #9916);
 * - parallel_tool_calls: handled in tools.ts;
 * - LiteLLM extras (drop_params, modify_params, num_retries, timeout, tags, fallbacks, …): gateway-level.
 */
const CONSUMED = new Set([
  'model',
  'messages',
  'store',
  'metadata',
  'service_tier',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'user',
  'stream',
  'stream_options',
  'parallel_tool_calls',
  'drop_params',
  'modify_params',
  'num_retries',
  'max_retries',
  'timeout',
  'stream_timeout',
  'tags',
  'fallbacks',
  'context_window_fallback_dict',
  'user_continue_message',
  'litellm_metadata',
  'caching',
  'cache',
  'no-log',
]);

/**
 * Upstream destination and credentials are server configuration only (DESIGN §7; LiteLLM CVE-2024-6587):
 * refused outright, also under drop_params, so a client learns they had no effect.
 */
const REFUSED = new Set([
  'api_base',
  'base_url',
  'api_key',
  'api_version',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_region_name',
  'aws_role_name',
  'aws_profile_name',
  'aws_bedrock_runtime_endpoint',
  'aws_web_identity_token',
  'aws_sts_endpoint',
]);

export function rejectUnsupportedParams(request: ChatCompletionRequest, dropParams: boolean): void {
  for (const key in request) {
    const value = request[key];
    if (REFUSED.has(key) || key.startsWith('aws_')) {
      throw OpenAIError.badRequest(
        `${key} cannot be set in a request: upstream endpoints and credentials are gateway configuration`,
        key,
      );
    }
    const isHarmless = UNSUPPORTED.get(key);
    if (isHarmless === undefined || value === undefined || value === null || isHarmless(value)) continue;
    if (!dropParams) {
      throw OpenAIError.badRequest(`${key} is not supported by Bedrock; set drop_params to drop it`, key);
    }
  }
}

/** Keys the gateway (or OpenAI's platform) consumes, whatever API serves the request. */
export function isConsumedRequestKey(key: string): boolean {
  return CONSUMED.has(key);
}

/** Keys that are OpenAI, LiteLLM or gateway fields; everything else is a provider-specific parameter. */
export function isKnownRequestKey(key: string): boolean {
  return CHECKED_CHAT_REQUEST_KEYS.has(key) || CONSUMED.has(key) || UNSUPPORTED.has(key) || REFUSED.has(key);
}

/** Deployment config keys that describe the connection, never request parameters. */
export function isConnectionKey(key: string): boolean {
  return REFUSED.has(key) || key.startsWith('aws_') || CONNECTION_KEYS.has(key);
}

const CONNECTION_KEYS = new Set([
  'model',
  'custom_llm_provider',
  'region_name',
  'rpm',
  'tpm',
  'model_info',
  'input_cost_per_token',
  'output_cost_per_token',
  'litellm_credential_name',
  'use_in_pass_through',
  'merge_reasoning_content_in_choices',
  'organization',
  // Sent as HTTP headers by the runtime client (clients/extra-headers.ts), never in the body.
  'extra_headers',
]);
