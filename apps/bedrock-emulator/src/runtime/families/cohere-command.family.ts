// Cohere Command R / R+ on InvokeModel: {message, chat_history, preamble, tools, tool_results} in,
// {text, finish_reason, tool_calls, chat_history} out; streams stream-start … stream-end.
import { emptyConversation, type ModelOutcome, type Conversation } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
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
import { shortHash, type NativeChunk, type TextFamily } from './text-family';

const COHERE_KEYS = [
  'message',
  'chat_history',
  'preamble',
  'documents',
  'max_tokens',
  'temperature',
  'p',
  'k',
  'stop_sequences',
  'seed',
  'tools',
  'tool_results',
  'search_queries_only',
  'prompt_truncation',
  'frequency_penalty',
  'presence_penalty',
  'return_prompt',
  'raw_prompting',
  'force_single_step',
];

function parseCohere(body: JsonRecord): Conversation {
  rejectExtraneousKeys(body, COHERE_KEYS);
  requireKeys(body, ['message']);
  const conversation = emptyConversation();
  if (typeof body.preamble === 'string' && body.preamble)
    conversation.system.push({ kind: 'text', text: body.preamble });
  const history = body.chat_history === undefined ? [] : expectArray(body.chat_history, 'chat_history');
  history.forEach((item, index) => {
    const turn = expectRecord(item, `chat_history.${index}`);
    const text = typeof turn.message === 'string' ? turn.message : '';
    conversation.messages.push({
      role: turn.role === 'CHATBOT' ? 'assistant' : 'user',
      blocks: [{ kind: 'text', text }],
    });
  });
  if (body.tools !== undefined) {
    expectArray(body.tools, 'tools').forEach((item, index) => {
      const tool = expectRecord(item, `tools.${index}`);
      const definitions = isRecord(tool.parameter_definitions) ? tool.parameter_definitions : {};
      const properties: JsonRecord = {};
      const required: string[] = [];
      for (const [name, definition] of Object.entries(definitions)) {
        const parameter = isRecord(definition) ? definition : {};
        properties[name] = { type: cohereType(parameter.type), description: parameter.description };
        if (parameter.required === true) required.push(name);
      }
      conversation.tools.push({
        name: expectString(tool.name, `tools.${index}.name`),
        description: typeof tool.description === 'string' ? tool.description : '',
        schema: { type: 'object', properties, required },
      });
    });
  }
  const toolResults = body.tool_results === undefined ? [] : expectArray(body.tool_results, 'tool_results');
  const message = expectString(body.message, 'message');
  if (toolResults.length > 0) {
    // Cohere tool results carry no ids: pair them with synthetic tool uses so the model sees one turn of results.
    const calls = toolResults.map((item, index) => {
      const result = expectRecord(item, `tool_results.${index}`);
      const call = expectRecord(result.call, `tool_results.${index}.call`);
      return {
        id: `cohere_call_${index}`,
        name: expectString(call.name, `tool_results.${index}.call.name`),
        outputs: result.outputs,
      };
    });
    conversation.messages.push({ role: 'user', blocks: [{ kind: 'text', text: message }] });
    conversation.messages.push({
      role: 'assistant',
      blocks: calls.map((call) => ({ kind: 'toolUse', id: call.id, name: call.name, input: {} })),
    });
    conversation.messages.push({
      role: 'user',
      blocks: calls.map((call) => ({
        kind: 'toolResult',
        toolUseId: call.id,
        text: JSON.stringify(call.outputs ?? []),
      })),
    });
  } else {
    conversation.messages.push({ role: 'user', blocks: [{ kind: 'text', text: message }] });
  }
  conversation.maxTokens = optionalNumber(body.max_tokens, 'max_tokens', { min: 1, integer: true });
  conversation.stopSequences = optionalStringArray(body.stop_sequences, 'stop_sequences');
  return conversation;
}

function cohereType(type: unknown): string {
  switch (type) {
    case 'int':
      return 'integer';
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    default:
      return 'string';
  }
}

function finishReason(outcome: ModelOutcome): string {
  return outcome.stopReason === 'max_tokens' ? 'MAX_TOKENS' : 'COMPLETE';
}

function renderCohere(outcome: ModelOutcome, conversation: Conversation): JsonRecord {
  const generationId = shortHash(outcome.text + 'generation');
  const history = conversation.messages
    .filter((message) => message.blocks.some((block) => block.kind === 'text'))
    .map((message) => ({
      role: message.role === 'assistant' ? 'CHATBOT' : 'USER',
      message: message.blocks.map((block) => (block.kind === 'text' ? block.text : '')).join(''),
    }));
  return {
    response_id: shortHash(outcome.text + 'response'),
    text: outcome.text,
    generation_id: generationId,
    chat_history: [...history, { role: 'CHATBOT', message: outcome.text }],
    finish_reason: finishReason(outcome),
    ...(outcome.toolUses.length > 0
      ? { tool_calls: outcome.toolUses.map((toolUse) => ({ name: toolUse.name, parameters: toolUse.input })) }
      : {}),
  };
}

export const cohereCommandFamily: TextFamily = {
  toolIdPrefix: 'cohere_',
  parse: (body) => parseCohere(body),
  render: (outcome, _model, conversation) => renderCohere(outcome, conversation),
  streamChunks(outcome, _model, conversation): NativeChunk[] {
    const response = renderCohere(outcome, conversation);
    const chunks: NativeChunk[] = [
      {
        chunk: { is_finished: false, event_type: 'stream-start', generation_id: response.generation_id },
        tokens: 0,
      },
    ];
    for (const piece of textDeltas(outcome.text)) {
      chunks.push({
        chunk: { is_finished: false, event_type: 'text-generation', text: piece },
        tokens: countTextTokens(piece),
      });
    }
    if (response.tool_calls) {
      chunks.push({
        chunk: { is_finished: false, event_type: 'tool-calls-generation', tool_calls: response.tool_calls },
        tokens: 0,
      });
    }
    chunks.push({
      chunk: { is_finished: true, event_type: 'stream-end', finish_reason: response.finish_reason, response },
      tokens: 0,
    });
    return chunks;
  },
};
