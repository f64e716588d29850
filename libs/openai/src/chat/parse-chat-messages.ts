// Validation of `messages`: roles, content shapes per role, tool calls and thinking blocks.
// The objects are checked in place and returned as they are (no copies: this runs on every request).
import type { ChatMessage } from './chat-request';
import {
  checkOptionalCacheControl,
  checkOptionalEnum,
  checkOptionalString,
  describeValue,
  expectNonEmptyString,
  expectRecord,
  expectString,
  invalid,
  isAbsent,
} from '../request-value-checks';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;
type Role = (typeof ROLES)[number];

/** Content part types each role may send (OpenAI's reference plus LiteLLM's guarded_text and tool images). */
const PART_TYPES_BY_ROLE: Record<Role, readonly string[]> = {
  system: ['text', 'guarded_text'],
  developer: ['text', 'guarded_text'],
  user: ['text', 'image_url', 'file', 'input_audio', 'guarded_text'],
  assistant: ['text', 'refusal'],
  tool: ['text', 'image_url', 'file'],
  function: [],
};

const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;

export function parseChatMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) invalid(`messages must be an array, got ${describeValue(value)}`, 'messages');
  if (value.length === 0) invalid('messages must contain at least one message', 'messages');
  for (let index = 0; index < value.length; index++) checkMessage(value[index], `messages[${index}]`);
  return value as ChatMessage[];
}

function checkMessage(value: unknown, path: string): void {
  const message = expectRecord(value, path);
  const role = message.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    invalid(
      `${path}.role must be one of ${ROLES.map((name) => `'${name}'`).join(', ')}, got ${
        typeof role === 'string' ? `'${role}'` : describeValue(role)
      }`,
      `${path}.role`,
    );
  }
  checkOptionalString(message.name, `${path}.name`);
  checkOptionalCacheControl(message.cache_control, `${path}.cache_control`);
  switch (role as Role) {
    case 'system':
    case 'developer':
    case 'user':
      checkContent(message.content, `${path}.content`, role as Role, false);
      return;
    case 'assistant':
      checkAssistant(message, path);
      return;
    case 'tool':
      expectNonEmptyString(message.tool_call_id, `${path}.tool_call_id`);
      checkContent(message.content, `${path}.content`, 'tool', false);
      return;
    case 'function':
      expectNonEmptyString(message.name, `${path}.name`);
      if (message.content !== null) expectString(message.content, `${path}.content`);
      return;
  }
}

function checkAssistant(message: Record<string, unknown>, path: string): void {
  checkContent(message.content, `${path}.content`, 'assistant', true);
  checkOptionalString(message.refusal, `${path}.refusal`);
  checkOptionalString(message.reasoning_content, `${path}.reasoning_content`);
  if (!isAbsent(message.function_call)) {
    invalid(
      `${path}.function_call is deprecated and not supported; send tool_calls instead`,
      `${path}.function_call`,
    );
  }
  if (!isAbsent(message.tool_calls)) {
    const toolCalls = message.tool_calls;
    if (!Array.isArray(toolCalls)) {
      invalid(`${path}.tool_calls must be an array, got ${describeValue(toolCalls)}`, `${path}.tool_calls`);
    }
    for (let index = 0; index < toolCalls.length; index++)
      checkToolCall(toolCalls[index], `${path}.tool_calls[${index}]`);
  }
  if (!isAbsent(message.thinking_blocks)) {
    const blocks = message.thinking_blocks;
    if (!Array.isArray(blocks)) {
      invalid(
        `${path}.thinking_blocks must be an array, got ${describeValue(blocks)}`,
        `${path}.thinking_blocks`,
      );
    }
    for (let index = 0; index < blocks.length; index++)
      checkThinkingBlock(blocks[index], `${path}.thinking_blocks[${index}]`);
  }
}

function checkToolCall(value: unknown, path: string): void {
  const toolCall = expectRecord(value, path);
  expectNonEmptyString(toolCall.id, `${path}.id`);
  if (!isAbsent(toolCall.type) && toolCall.type !== 'function') {
    invalid(`${path}.type must be 'function'`, `${path}.type`);
  }
  const fn = expectRecord(toolCall.function, `${path}.function`);
  expectNonEmptyString(fn.name, `${path}.function.name`);
  expectString(fn.arguments, `${path}.function.arguments`);
  checkOptionalCacheControl(toolCall.cache_control, `${path}.cache_control`);
}

function checkThinkingBlock(value: unknown, path: string): void {
  const block = expectRecord(value, path);
  if (block.type === 'thinking') {
    expectString(block.thinking, `${path}.thinking`);
    checkOptionalString(block.signature, `${path}.signature`);
  } else if (block.type === 'redacted_thinking') {
    expectNonEmptyString(block.data, `${path}.data`);
  } else {
    invalid(`${path}.type must be 'thinking' or 'redacted_thinking'`, `${path}.type`);
  }
}

function checkContent(value: unknown, path: string, role: Role, optional: boolean): void {
  if (typeof value === 'string') return;
  if (optional && isAbsent(value)) return;
  if (!Array.isArray(value)) {
    invalid(`${path} must be a string or an array of content parts, got ${describeValue(value)}`, path);
  }
  const allowed = PART_TYPES_BY_ROLE[role];
  for (let index = 0; index < value.length; index++)
    checkPart(value[index], `${path}[${index}]`, role, allowed);
}

function checkPart(value: unknown, path: string, role: Role, allowed: readonly string[]): void {
  const part = expectRecord(value, path);
  const type = part.type;
  if (typeof type !== 'string')
    invalid(`${path}.type must be a string, got ${describeValue(type)}`, `${path}.type`);
  if (!allowed.includes(type)) {
    invalid(
      `${path}.type '${type}' is not allowed in a ${role} message (allowed: ${allowed.join(', ')})`,
      `${path}.type`,
    );
  }
  checkOptionalCacheControl(part.cache_control, `${path}.cache_control`);
  switch (type) {
    case 'text':
    case 'guarded_text':
      expectString(part.text, `${path}.text`);
      return;
    case 'refusal':
      expectString(part.refusal, `${path}.refusal`);
      return;
    case 'image_url': {
      // LiteLLM's documented shorthand: `image_url` as the URL string itself. Normalised here, once, so
      // everything after the parser sees OpenAI's `{url}` object.
      if (typeof part.image_url === 'string') part.image_url = { url: part.image_url };
      const image = expectRecord(part.image_url, `${path}.image_url`);
      expectNonEmptyString(image.url, `${path}.image_url.url`);
      checkOptionalEnum(image.detail, `${path}.image_url.detail`, IMAGE_DETAILS);
      checkOptionalString(image.format, `${path}.image_url.format`);
      return;
    }
    case 'file': {
      const file = expectRecord(part.file, `${path}.file`);
      checkOptionalString(file.file_data, `${path}.file.file_data`);
      checkOptionalString(file.file_id, `${path}.file.file_id`);
      checkOptionalString(file.filename, `${path}.file.filename`);
      checkOptionalString(file.format, `${path}.file.format`);
      if (!file.file_data && !file.file_id) {
        invalid(`${path}.file must have file_data (or file_id)`, `${path}.file.file_data`);
      }
      return;
    }
    case 'input_audio': {
      const audio = expectRecord(part.input_audio, `${path}.input_audio`);
      expectString(audio.data, `${path}.input_audio.data`);
      expectString(audio.format, `${path}.input_audio.format`);
      return;
    }
  }
}
