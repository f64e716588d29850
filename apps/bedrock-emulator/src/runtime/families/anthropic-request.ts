// Parses an Anthropic Messages body as Bedrock accepts it (anthropic_version, max_tokens, messages…).
import { EmulatorError } from '../../http/emulator-error';
import {
  emptyConversation,
  type Conversation,
  type ConversationBlock,
  type ConversationMessage,
  type ToolChoice,
} from '../../model/conversation';
import {
  expectArray,
  expectRecord,
  expectString,
  isRecord,
  optionalNumber,
  optionalStringArray,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';

const ANTHROPIC_KEYS = [
  'anthropic_version',
  'anthropic_beta',
  'max_tokens',
  'system',
  'messages',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
];
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function parseAnthropicRequest(body: JsonRecord): Conversation {
  rejectExtraneousKeys(body, ANTHROPIC_KEYS);
  requireKeys(body, ['anthropic_version', 'max_tokens', 'messages']);
  const conversation = emptyConversation();
  conversation.maxTokens = optionalNumber(body.max_tokens, 'max_tokens', { min: 1, integer: true });
  optionalNumber(body.temperature, 'temperature', { min: 0, max: 1 });
  conversation.stopSequences = optionalStringArray(body.stop_sequences, 'stop_sequences');
  conversation.system = parseSystem(body.system);
  conversation.messages = expectArray(body.messages, 'messages').map((item, index) =>
    parseMessage(item, index),
  );
  checkTurns(conversation.messages);
  parseTools(body, conversation);
  if (isRecord(body.thinking) && body.thinking.type === 'enabled') {
    conversation.thinking = true;
    const budget = optionalNumber(body.thinking.budget_tokens, 'thinking.budget_tokens', {
      min: 1024,
      integer: true,
    });
    if (budget !== undefined && conversation.maxTokens !== undefined && budget >= conversation.maxTokens) {
      throw EmulatorError.validation('`max_tokens` must be greater than `thinking.budget_tokens`.');
    }
    if (conversation.toolChoice.type === 'any' || conversation.toolChoice.type === 'tool') {
      throw EmulatorError.validation('Thinking may not be enabled when tool_choice forces tool use.');
    }
  }
  return conversation;
}

function withCacheControl(block: JsonRecord, converted: ConversationBlock): ConversationBlock[] {
  return block.cache_control !== undefined ? [converted, { kind: 'cachePoint' }] : [converted];
}

/** Claude Code's attribution line, which Bedrock refuses in a system prompt. */
const RESERVED_SYSTEM_PREFIX = 'x-anthropic-billing-header';

function systemText(text: string): string {
  if (text.trimStart().startsWith(RESERVED_SYSTEM_PREFIX))
    throw EmulatorError.validation(
      `${RESERVED_SYSTEM_PREFIX} is a reserved keyword and may not be used in the system prompt.`,
    );
  return text;
}

function parseSystem(value: unknown): ConversationBlock[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value ? [{ kind: 'text', text: systemText(value) }] : [];
  return expectArray(value, 'system').flatMap((item, index) => {
    const block = expectRecord(item, `system.${index}`);
    const text = systemText(expectString(block.text, `system.${index}.text`));
    return withCacheControl(block, { kind: 'text', text });
  });
}

function parseMessage(value: unknown, index: number): ConversationMessage {
  const path = `messages.${index}`;
  const message = expectRecord(value, path);
  if (message.role !== 'user' && message.role !== 'assistant') {
    throw EmulatorError.validation(`${path}.role: Input should be 'user' or 'assistant'`);
  }
  const content = message.content;
  if (typeof content === 'string') {
    if (content.length === 0)
      throw EmulatorError.validation(`${path}: user messages must have non-empty content`);
    return { role: message.role, blocks: [{ kind: 'text', text: content }] };
  }
  const blocks = expectArray(content, `${path}.content`);
  if (blocks.length === 0)
    throw EmulatorError.validation(`${path}: all messages must have non-empty content`);
  return {
    role: message.role,
    blocks: blocks.flatMap((block, blockIndex) => parseBlock(block, `${path}.content.${blockIndex}`)),
  };
}

function parseBlock(value: unknown, path: string): ConversationBlock[] {
  const block = expectRecord(value, path);
  switch (block.type) {
    case 'text':
      return withCacheControl(block, { kind: 'text', text: expectString(block.text, `${path}.text`) });
    case 'image':
    case 'document':
      return withCacheControl(block, { kind: 'media' });
    case 'tool_use':
      return withCacheControl(block, {
        kind: 'toolUse',
        id: expectString(block.id, `${path}.id`),
        name: expectString(block.name, `${path}.name`),
        input: block.input ?? {},
      });
    case 'tool_result': {
      const content = block.content;
      const text =
        typeof content === 'string'
          ? content
          : Array.isArray(content)
            ? content
                .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
                .join(' ')
            : '';
      return withCacheControl(block, {
        kind: 'toolResult',
        toolUseId: expectString(block.tool_use_id, `${path}.tool_use_id`),
        text,
      });
    }
    case 'thinking':
      return [{ kind: 'reasoning', text: typeof block.thinking === 'string' ? block.thinking : '' }];
    case 'redacted_thinking':
      return [{ kind: 'reasoning', text: '' }];
    default:
      throw EmulatorError.validation(
        `${path}.type: unknown content block type ${JSON.stringify(block.type)}`,
      );
  }
}

function checkTurns(messages: ConversationMessage[]): void {
  if (messages.length === 0) throw EmulatorError.validation('messages: at least one message is required');
  if (messages[0].role !== 'user')
    throw EmulatorError.validation('messages: first message must use the "user" role');
  messages.forEach((message, index) => {
    if (index === 0) return;
    const previous = messages[index - 1];
    if (previous.role === message.role) {
      throw EmulatorError.validation(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`,
      );
    }
    const toolUseIds = previous.blocks.flatMap((block) => (block.kind === 'toolUse' ? [block.id] : []));
    message.blocks.forEach((block, blockIndex) => {
      if (block.kind === 'toolResult' && !toolUseIds.includes(block.toolUseId)) {
        throw EmulatorError.validation(
          `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.toolUseId}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    });
    const answered = message.blocks.flatMap((block) =>
      block.kind === 'toolResult' ? [block.toolUseId] : [],
    );
    const missing = toolUseIds.filter((id) => !answered.includes(id));
    if (message.role === 'user' && missing.length > 0) {
      throw EmulatorError.validation(
        `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  });
}

function parseTools(body: JsonRecord, conversation: Conversation): void {
  if (body.tools !== undefined) {
    expectArray(body.tools, 'tools').forEach((item, index) => {
      const tool = expectRecord(item, `tools.${index}`);
      const name = expectString(tool.name, `tools.${index}.name`);
      if (!TOOL_NAME.test(name)) {
        throw EmulatorError.validation(
          `tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`,
        );
      }
      const description = typeof tool.description === 'string' ? tool.description : '';
      conversation.tools.push({
        name,
        description,
        schema: tool.input_schema ?? { type: 'object', properties: {} },
      });
      if (tool.cache_control !== undefined && index === (body.tools as unknown[]).length - 1)
        conversation.toolsCachePoint = true;
    });
  }
  if (body.tool_choice !== undefined)
    conversation.toolChoice = parseToolChoice(body.tool_choice, conversation);
}

function parseToolChoice(value: unknown, conversation: Conversation): ToolChoice {
  const choice = expectRecord(value, 'tool_choice');
  switch (choice.type) {
    case 'auto':
    case 'any':
    case 'none':
      return { type: choice.type };
    case 'tool': {
      const name = expectString(choice.name, 'tool_choice.name');
      if (!conversation.tools.some((tool) => tool.name === name)) {
        throw EmulatorError.validation(`tool_choice.name: tool ${name} is not defined in tools`);
      }
      return { type: 'tool', name };
    }
    default:
      throw EmulatorError.validation(`tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'`);
  }
}
