// Parses the OpenAI-like chat bodies some Bedrock models take natively (Mistral Large 2, AI21 Jamba,
// OpenAI gpt-oss): messages with system/user/assistant/tool roles, function tools, tool_choice.
import { EmulatorError } from '../../http/emulator-error';
import {
  emptyConversation,
  type Conversation,
  type ConversationBlock,
  type ToolChoice,
} from '../../model/conversation';
import {
  expectArray,
  expectRecord,
  expectString,
  isRecord,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';

function contentText(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return expectArray(value, path)
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join(' ');
}

export function parseOpenAiStyleRequest(body: JsonRecord, allowedKeys: readonly string[]): Conversation {
  rejectExtraneousKeys(body, allowedKeys);
  requireKeys(body, ['messages']);
  const conversation = emptyConversation();
  const messages = expectArray(body.messages, 'messages');
  if (messages.length === 0) throw EmulatorError.validation('messages must contain at least one message.');
  messages.forEach((item, index) => {
    const path = `messages.${index}`;
    const message = expectRecord(item, path);
    const text = contentText(message.content, `${path}.content`);
    switch (message.role) {
      case 'system':
        conversation.system.push({ kind: 'text', text });
        return;
      case 'user':
        appendTurn(conversation, 'user', [{ kind: 'text', text }]);
        return;
      case 'assistant': {
        const blocks: ConversationBlock[] = text ? [{ kind: 'text', text }] : [];
        const toolCalls =
          message.tool_calls === undefined || message.tool_calls === null
            ? []
            : expectArray(message.tool_calls, `${path}.tool_calls`);
        toolCalls.forEach((call, callIndex) => {
          const toolCall = expectRecord(call, `${path}.tool_calls.${callIndex}`);
          const fn = expectRecord(toolCall.function, `${path}.tool_calls.${callIndex}.function`);
          blocks.push({
            kind: 'toolUse',
            id: expectString(toolCall.id, `${path}.tool_calls.${callIndex}.id`),
            name: expectString(fn.name, `${path}.tool_calls.${callIndex}.function.name`),
            input: typeof fn.arguments === 'string' ? safeJson(fn.arguments) : (fn.arguments ?? {}),
          });
        });
        appendTurn(conversation, 'assistant', blocks);
        return;
      }
      case 'tool':
        appendTurn(conversation, 'user', [
          { kind: 'toolResult', toolUseId: expectString(message.tool_call_id, `${path}.tool_call_id`), text },
        ]);
        return;
      default:
        throw EmulatorError.validation(`${path}.role must be one of system, user, assistant, tool.`);
    }
  });
  if (conversation.messages.length === 0)
    throw EmulatorError.validation('messages must contain a user message.');
  conversation.maxTokens = optionalNumber(body.max_tokens ?? body.max_completion_tokens, 'max_tokens', {
    min: 1,
    integer: true,
  });
  optionalNumber(body.temperature, 'temperature', { min: 0, max: 2 });
  conversation.stopSequences =
    typeof body.stop === 'string'
      ? [body.stop]
      : Array.isArray(body.stop)
        ? body.stop.filter((s) => typeof s === 'string')
        : [];
  parseFunctionTools(body, conversation);
  return conversation;
}

/** Consecutive messages of one role (several tool results in a row) form one turn. */
function appendTurn(
  conversation: Conversation,
  role: 'user' | 'assistant',
  blocks: ConversationBlock[],
): void {
  const last = conversation.messages[conversation.messages.length - 1];
  if (last && last.role === role) last.blocks.push(...blocks);
  else conversation.messages.push({ role, blocks });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { value: text };
  }
}

function parseFunctionTools(body: JsonRecord, conversation: Conversation): void {
  if (body.tools !== undefined && body.tools !== null) {
    expectArray(body.tools, 'tools').forEach((item, index) => {
      const tool = expectRecord(item, `tools.${index}`);
      const fn = expectRecord(tool.function, `tools.${index}.function`);
      conversation.tools.push({
        name: expectString(fn.name, `tools.${index}.function.name`),
        description: typeof fn.description === 'string' ? fn.description : '',
        schema: fn.parameters ?? { type: 'object', properties: {} },
      });
    });
  }
  conversation.toolChoice = parseToolChoice(body.tool_choice);
}

function parseToolChoice(value: unknown): ToolChoice {
  if (value === undefined || value === null || value === 'auto') return { type: 'auto' };
  if (value === 'none') return { type: 'none' };
  if (value === 'any' || value === 'required') return { type: 'any' };
  if (isRecord(value) && isRecord(value.function) && typeof value.function.name === 'string') {
    return { type: 'tool', name: value.function.name };
  }
  throw EmulatorError.validation(
    'tool_choice must be "auto", "none", "any", "required" or {"type":"function","function":{"name"}}.',
  );
}
