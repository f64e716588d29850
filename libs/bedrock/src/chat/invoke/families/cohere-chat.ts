// Cohere Command R and R+ on InvokeModel: the last user turn as `message`, earlier turns as
// `chat_history` (USER / CHATBOT), the system prompt as `preamble`, tools with `parameter_definitions`,
// results of the previous turn's tool calls as `tool_results`; `max_tokens`, `temperature`, `p`, `k`,
// `stop_sequences`. Answers `{text, finish_reason, tool_calls: [{name, parameters}]}`; streams
// `text-generation`, `tool-calls-generation` and `stream-end` events.
import type {
  ContentBlock,
  ConverseCommandInput,
  ConverseStreamOutput,
  Message,
} from '@aws-sdk/client-bedrock-runtime';
import { randomUUID } from 'node:crypto';
import { type InvokeFamily, type JsonObject, type NativeAnswer } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, extraFields, refuseMedia, samplingOf } from '../prompt-turns';
import { TextEvents } from '../text-chunk-events';

const COHERE_TYPES: Record<string, string> = {
  integer: 'int',
  number: 'float',
  boolean: 'bool',
  string: 'str',
  array: 'list',
  object: 'dict',
};

function textOf(message: Message, turn: number): string {
  return (message.content ?? []).map((block) => refuseMedia(block, turn).text ?? '').join('');
}

function cohereTools(input: ConverseCommandInput): JsonObject[] | undefined {
  const tools = input.toolConfig?.tools ?? [];
  if (tools.length === 0) return undefined;
  return tools
    .filter((tool) => tool.toolSpec)
    .map((tool) => {
      const schema = (tool.toolSpec!.inputSchema?.json ?? {}) as JsonObject;
      const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
      const required = new Set((schema.required ?? []) as string[]);
      const definitions: JsonObject = {};
      for (const [name, property] of Object.entries(properties)) {
        definitions[name] = definedMembers({
          type: COHERE_TYPES[String(property.type)] ?? 'str',
          description: property.description,
          required: required.has(name),
        });
      }
      return {
        name: tool.toolSpec!.name,
        description: tool.toolSpec!.description ?? '',
        parameter_definitions: definitions,
      };
    });
}

/** Tool results in the last user turn, paired with the calls (name, parameters) they answer. */
function toolResults(messages: Message[]): JsonObject[] | undefined {
  const last = messages[messages.length - 1];
  const results = (last?.content ?? []).filter((block) => block.toolResult);
  if (results.length === 0) return undefined;
  const calls = new Map<string, { name?: string; input?: unknown }>();
  for (const message of messages)
    for (const block of message.content ?? [])
      if (block.toolUse) calls.set(block.toolUse.toolUseId ?? '', block.toolUse);
  return results.map((block) => {
    const call = calls.get(block.toolResult!.toolUseId ?? '') ?? {};
    const outputs = (block.toolResult!.content ?? []).map((part) =>
      part.json !== undefined ? part.json : { result: part.text ?? '' },
    );
    return { call: { name: call.name ?? '', parameters: call.input ?? {} }, outputs };
  });
}

export const cohereChatFamily: InvokeFamily = {
  limits: {
    supportsVision: false,
    supportsPdfInput: false,
    supportsReasoning: false,
    supportsPromptCaching: false,
    supportsToolChoice: false,
  },
  body(input) {
    const messages = input.messages ?? [];
    const last = messages[messages.length - 1];
    const history = (last?.role === 'user' ? messages.slice(0, -1) : messages)
      .map((message, turn) => ({
        role: message.role === 'assistant' ? 'CHATBOT' : 'USER',
        message: textOf(message, turn),
      }))
      .filter((turn) => turn.message !== '');
    const sampling = samplingOf(input);
    const extra = extraFields(input);
    const preamble = (input.system ?? []).map((block) => block.text ?? '').join('\n');
    return definedMembers({
      message: last?.role === 'user' ? textOf(last, messages.length - 1) : '',
      chat_history: history.length > 0 ? history : undefined,
      preamble: preamble || undefined,
      max_tokens: sampling.maxTokens,
      temperature: sampling.temperature,
      p: sampling.topP,
      k: extra.k ?? extra.top_k,
      stop_sequences: sampling.stop,
      tools: cohereTools(input),
      tool_results: toolResults(messages),
    });
  },
  answer(body): NativeAnswer {
    const content: ContentBlock[] = [{ text: String(body.text ?? '') }];
    content.push(...toolUses(body.tool_calls));
    const toolCalled = content.length > 1;
    return {
      content,
      stopReason: toolCalled ? 'tool_use' : (stopReasonOf(body.finish_reason) ?? 'end_turn'),
    };
  },
  decoder() {
    const events = new TextEvents();
    let toolCalled = false;
    return (chunk): ConverseStreamOutput[] => {
      switch (chunk.event_type) {
        case 'text-generation':
          return events.next(String(chunk.text ?? ''), undefined);
        case 'tool-calls-generation': {
          const started = events.next(undefined, undefined);
          toolUses(chunk.tool_calls).forEach((block, index) => {
            toolCalled = true;
            started.push({
              contentBlockStart: {
                contentBlockIndex: index + 1,
                start: { toolUse: { toolUseId: block.toolUse!.toolUseId, name: block.toolUse!.name } },
              },
            });
            started.push({
              contentBlockDelta: {
                contentBlockIndex: index + 1,
                delta: { toolUse: { input: JSON.stringify(block.toolUse!.input ?? {}) } },
              },
            });
          });
          return started;
        }
        case 'stream-end':
          return events.next(
            undefined,
            toolCalled ? 'tool_use' : (stopReasonOf(chunk.finish_reason) ?? 'end_turn'),
          );
        default:
          return events.next(undefined, undefined);
      }
    };
  },
};

/** Cohere's tool calls carry no ids: each gets one, so the client can answer it. */
function toolUses(calls: unknown): ContentBlock[] {
  return ((Array.isArray(calls) ? calls : []) as JsonObject[]).map((call) => ({
    toolUse: {
      toolUseId: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      name: String(call.name ?? ''),
      input: (call.parameters ?? {}) as never,
    },
  }));
}
