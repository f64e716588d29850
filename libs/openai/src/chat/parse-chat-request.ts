// Strict, hand-written validation of what clients send to /v1/chat/completions. Hand-written rather
// than class-validator because it runs on every request: no object copies, no per-request closures.
// Every failure is a 400 naming the field (`messages[2].content[0].image_url.url`).
// Unknown top-level keys are kept untouched: they are provider-specific parameters (top_k,
// guardrailConfig, …) that the translation forwards or refuses with its own clear error.
import type { ChatCompletionRequest } from './chat-request';
import { parseChatMessages } from './parse-chat-messages';
import {
  checkOptionalBoolean,
  checkOptionalCacheControl,
  checkOptionalEnum,
  checkOptionalInteger,
  checkOptionalNumber,
  checkOptionalStorableString,
  checkOptionalString,
  describeValue,
  expectNonEmptyString,
  expectRecord,
  expectString,
  invalid,
  isAbsent,
  isRecord,
} from '../request-value-checks';

/** Bedrock's token counts are 32-bit integers: a larger max_tokens can never be valid. */
const MAX_TOKEN_COUNT = 2_147_483_647;
const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const TOOL_CHOICE_STRINGS = ['none', 'auto', 'required', 'any'] as const;

export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  if (!isRecord(body)) invalid(`The request body must be a JSON object, got ${describeValue(body)}`, null);

  expectNonEmptyString(body.model, 'model');
  parseChatMessages(body.messages);
  checkChatRequestSettings(body);
  return body as ChatCompletionRequest;
}

/**
 * Checks every top-level setting of a chat request except `model` and `messages`: also used on a
 * request whose messages were checked already, after a deployment filled in its defaults.
 */
export function checkChatRequestSettings(body: Record<string, unknown>): void {
  checkOptionalInteger(body.max_tokens, 'max_tokens', 1, MAX_TOKEN_COUNT);
  checkOptionalInteger(body.max_completion_tokens, 'max_completion_tokens', 1, MAX_TOKEN_COUNT);
  checkOptionalNumber(body.temperature, 'temperature', 0, 2);
  checkOptionalNumber(body.top_p, 'top_p', 0, 1);
  checkOptionalInteger(body.n, 'n', 1);
  checkStop(body.stop);
  checkOptionalBoolean(body.stream, 'stream');
  checkStreamOptions(body.stream_options);
  checkTools(body.tools);
  checkToolChoice(body.tool_choice);
  checkOptionalBoolean(body.parallel_tool_calls, 'parallel_tool_calls');
  checkResponseFormat(body.response_format);
  checkOptionalEnum(body.reasoning_effort, 'reasoning_effort', REASONING_EFFORTS);
  checkThinking(body.thinking);
  checkOptionalStorableString(body.user, 'user');
  checkOptionalInteger(body.seed, 'seed', Number.MIN_SAFE_INTEGER);
  checkOptionalBoolean(body.logprobs, 'logprobs');
  checkOptionalInteger(body.top_logprobs, 'top_logprobs', 0, 20);
  checkOptionalNumber(body.frequency_penalty, 'frequency_penalty', -2, 2);
  checkOptionalNumber(body.presence_penalty, 'presence_penalty', -2, 2);
  checkLogitBias(body.logit_bias);
  if (!isAbsent(body.metadata)) expectRecord(body.metadata, 'metadata');

  checkOptionalBoolean(body.drop_params, 'drop_params');
  checkOptionalBoolean(body.modify_params, 'modify_params');
  checkOptionalInteger(body.num_retries, 'num_retries', 0);
  checkTimeout(body.timeout);
  checkStringList(body.tags, 'tags');
  if (!isAbsent(body.fallbacks) && !Array.isArray(body.fallbacks)) {
    invalid(`fallbacks must be an array, got ${describeValue(body.fallbacks)}`, 'fallbacks');
  }
  checkUserContinueMessage(body.user_continue_message);
}

function checkStop(value: unknown): void {
  if (isAbsent(value) || typeof value === 'string') return;
  if (!Array.isArray(value))
    invalid(`stop must be a string or an array of strings, got ${describeValue(value)}`, 'stop');
  for (let index = 0; index < value.length; index++) expectString(value[index], `stop[${index}]`);
}

function checkStringList(value: unknown, param: string): void {
  if (isAbsent(value)) return;
  if (!Array.isArray(value))
    invalid(`${param} must be an array of strings, got ${describeValue(value)}`, param);
  for (let index = 0; index < value.length; index++) expectString(value[index], `${param}[${index}]`);
}

function checkStreamOptions(value: unknown): void {
  if (isAbsent(value)) return;
  const options = expectRecord(value, 'stream_options');
  checkOptionalBoolean(options.include_usage, 'stream_options.include_usage');
  checkOptionalBoolean(options.include_obfuscation, 'stream_options.include_obfuscation');
}

function checkTools(value: unknown): void {
  if (isAbsent(value)) return;
  if (!Array.isArray(value)) invalid(`tools must be an array, got ${describeValue(value)}`, 'tools');
  for (let index = 0; index < value.length; index++) {
    const path = `tools[${index}]`;
    const tool = expectRecord(value[index], path);
    if (tool.type !== 'function') {
      invalid(
        `${path}.type must be 'function' (only function tools are supported), got ${
          typeof tool.type === 'string' ? `'${tool.type}'` : describeValue(tool.type)
        }`,
        `${path}.type`,
      );
    }
    const fn = expectRecord(tool.function, `${path}.function`);
    if (typeof fn.name !== 'string' || fn.name.trim().length === 0) {
      invalid(`${path}.function.name must be a non-empty string`, `${path}.function.name`);
    }
    checkOptionalString(fn.description, `${path}.function.description`);
    if (!isAbsent(fn.parameters)) expectRecord(fn.parameters, `${path}.function.parameters`);
    checkOptionalBoolean(fn.strict, `${path}.function.strict`);
    checkOptionalCacheControl(tool.cache_control, `${path}.cache_control`);
  }
}

function checkToolChoice(value: unknown): void {
  if (isAbsent(value)) return;
  if (typeof value === 'string') {
    checkOptionalEnum(value, 'tool_choice', TOOL_CHOICE_STRINGS);
    return;
  }
  const choice = expectRecord(value, 'tool_choice');
  if (choice.type !== 'function') {
    invalid(
      "tool_choice must be 'none', 'auto', 'required' ('any'), or {type: 'function', function: {name}}",
      'tool_choice.type',
    );
  }
  const fn = expectRecord(choice.function, 'tool_choice.function');
  expectNonEmptyString(fn.name, 'tool_choice.function.name');
}

function checkResponseFormat(value: unknown): void {
  if (isAbsent(value)) return;
  const format = expectRecord(value, 'response_format');
  switch (format.type) {
    case 'text':
    case 'json_object':
      return;
    case 'json_schema': {
      const jsonSchema = expectRecord(format.json_schema, 'response_format.json_schema');
      checkOptionalString(jsonSchema.name, 'response_format.json_schema.name');
      checkOptionalString(jsonSchema.description, 'response_format.json_schema.description');
      if (!isAbsent(jsonSchema.schema)) expectRecord(jsonSchema.schema, 'response_format.json_schema.schema');
      checkOptionalBoolean(jsonSchema.strict, 'response_format.json_schema.strict');
      return;
    }
    default:
      invalid(
        "response_format.type must be one of 'text', 'json_object', 'json_schema'",
        'response_format.type',
      );
  }
}

function checkThinking(value: unknown): void {
  if (isAbsent(value)) return;
  const thinking = expectRecord(value, 'thinking');
  switch (thinking.type) {
    case 'enabled':
      if (isAbsent(thinking.budget_tokens)) {
        invalid('thinking.budget_tokens is required when thinking is enabled', 'thinking.budget_tokens');
      }
      checkOptionalInteger(thinking.budget_tokens, 'thinking.budget_tokens', 1);
      return;
    case 'disabled':
    case 'adaptive':
      return;
    default:
      invalid("thinking.type must be one of 'enabled', 'disabled', 'adaptive'", 'thinking.type');
  }
}

function checkLogitBias(value: unknown): void {
  if (isAbsent(value)) return;
  const bias = expectRecord(value, 'logit_bias');
  for (const token in bias) checkOptionalNumber(bias[token], `logit_bias.${token}`, -100, 100);
}

function checkTimeout(value: unknown): void {
  if (isAbsent(value) || typeof value === 'string') return;
  checkOptionalNumber(value, 'timeout', Number.MIN_VALUE, Number.MAX_SAFE_INTEGER);
}

function checkUserContinueMessage(value: unknown): void {
  if (isAbsent(value) || typeof value === 'string') return;
  const message = expectRecord(value, 'user_continue_message');
  expectString(message.content, 'user_continue_message.content');
}
