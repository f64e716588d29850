// Converse `messages` and `system`: content-block unions and the conversation rules Bedrock enforces
// (starts with user, roles alternate, no empty content, toolResults answer the previous toolUses).
import { EmulatorError } from '../../http/emulator-error';
import type { ConversationBlock, ConversationMessage } from '../../model/conversation';
import {
  expectArray,
  expectRecord,
  expectString,
  isRecord,
  type JsonRecord,
} from '../../service-support/request-body';

const MEDIA_MEMBERS = ['image', 'document', 'video', 'audio', 'citationsContent', 'searchResult'];

export function parseMessages(value: unknown): ConversationMessage[] {
  const raw = expectArray(value, 'messages');
  const messages = raw.map((item, index) => parseMessage(item, `messages.${index}`));
  if (messages.length === 0 || messages[0].role !== 'user') {
    throw EmulatorError.validation(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  messages.forEach((message, index) => {
    if (index > 0 && messages[index - 1].role === message.role) {
      throw EmulatorError.validation(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    checkToolResults(messages, index);
  });
  return messages;
}

function parseMessage(value: unknown, path: string): ConversationMessage {
  const message = expectRecord(value, path);
  const role = message.role;
  if (role !== 'user' && role !== 'assistant') {
    throw EmulatorError.validation(
      `1 validation error detected: Value '${String(role)}' at '${path}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`,
    );
  }
  const content = expectArray(message.content, `${path}.content`);
  if (content.length === 0) {
    throw EmulatorError.validation(
      `The content field in the Message object at ${path} is empty. Add a ContentBlock object to the content field and try again.`,
    );
  }
  return {
    role,
    blocks: content.map((block, index) => parseContentBlock(block, `${path}.content.${index}`)),
  };
}

function singleMember(value: unknown, path: string): [string, unknown] {
  const block = expectRecord(value, path);
  const members = Object.keys(block).filter((key) => block[key] !== undefined && block[key] !== null);
  if (members.length !== 1) {
    throw EmulatorError.validation(
      `${path} must set exactly one member of the content block union, found ${members.length}.`,
    );
  }
  return [members[0], block[members[0]]];
}

export function parseContentBlock(value: unknown, path: string): ConversationBlock {
  const [member, body] = singleMember(value, path);
  switch (member) {
    case 'text':
      return { kind: 'text', text: nonBlankText(body, path, 'ContentBlock') };
    case 'guardContent':
      return { kind: 'text', text: guardText(body, path) };
    case 'cachePoint':
      return { kind: 'cachePoint' };
    case 'toolUse': {
      const toolUse = expectRecord(body, `${path}.toolUse`);
      return {
        kind: 'toolUse',
        id: expectString(toolUse.toolUseId, `${path}.toolUse.toolUseId`),
        name: expectString(toolUse.name, `${path}.toolUse.name`),
        input: toolUse.input ?? {},
      };
    }
    case 'toolResult':
      return parseToolResult(body, `${path}.toolResult`);
    case 'reasoningContent': {
      const reasoning = expectRecord(body, `${path}.reasoningContent`);
      const text = isRecord(reasoning.reasoningText) ? reasoning.reasoningText.text : undefined;
      return { kind: 'reasoning', text: typeof text === 'string' ? text : '' };
    }
    default:
      if (MEDIA_MEMBERS.includes(member)) return { kind: 'media' };
      throw EmulatorError.validation(`${path}: unknown content block member [${member}].`);
  }
}

function parseToolResult(value: unknown, path: string): ConversationBlock {
  const toolResult = expectRecord(value, path);
  const parts = expectArray(toolResult.content, `${path}.content`).map((part, index) => {
    const [member, body] = singleMember(part, `${path}.content.${index}`);
    if (member === 'text') return expectString(body, `${path}.content.${index}.text`);
    if (member === 'json') return JSON.stringify(body);
    return `[${member}]`;
  });
  return {
    kind: 'toolResult',
    toolUseId: expectString(toolResult.toolUseId, `${path}.toolUseId`),
    text: parts.join(' '),
    status: typeof toolResult.status === 'string' ? toolResult.status : undefined,
  };
}

function nonBlankText(value: unknown, path: string, objectName: string): string {
  const text = expectString(value, `${path}.text`);
  if (text.trim() === '') {
    throw EmulatorError.validation(
      `The text field in the ${objectName} object at ${path} is blank. Add text to the text field, and try again.`,
    );
  }
  return text;
}

function guardText(value: unknown, path: string): string {
  const guard = expectRecord(value, `${path}.guardContent`);
  const text = isRecord(guard.text) ? guard.text.text : undefined;
  return expectString(text, `${path}.guardContent.text.text`);
}

export function parseSystem(value: unknown): ConversationBlock[] {
  if (value === undefined || value === null) return [];
  return expectArray(value, 'system').map((item, index) => {
    const path = `system.${index}`;
    const [member, body] = singleMember(item, path);
    if (member === 'text') return { kind: 'text', text: nonBlankText(body, path, 'SystemContentBlock') };
    if (member === 'guardContent') return { kind: 'text', text: guardText(body, path) };
    if (member === 'cachePoint') return { kind: 'cachePoint' };
    throw EmulatorError.validation(`${path}: unknown system content block member [${member}].`);
  });
}

/** The user turn after an assistant turn with toolUse blocks must answer every one of them, and no more. */
function checkToolResults(messages: ConversationMessage[], index: number): void {
  const message = messages[index];
  if (message.role !== 'user') return;
  const previous = index > 0 ? messages[index - 1] : undefined;
  const expectedIds = (previous?.blocks ?? []).flatMap((block) =>
    block.kind === 'toolUse' ? [block.id] : [],
  );
  const resultIds = message.blocks.flatMap((block) => (block.kind === 'toolResult' ? [block.toolUseId] : []));
  if (resultIds.length > expectedIds.length) {
    throw EmulatorError.validation(
      `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`,
    );
  }
  const missing = expectedIds.filter((id) => !resultIds.includes(id));
  if (missing.length > 0) {
    throw EmulatorError.validation(
      `Expected toolResult blocks at messages.${index}.content for the following Ids: ${missing.join(', ')}`,
    );
  }
}

export function usesToolBlocks(messages: ConversationMessage[]): boolean {
  return messages.some((message) =>
    message.blocks.some((block) => block.kind === 'toolUse' || block.kind === 'toolResult'),
  );
}

export type { JsonRecord };
