// A Messages API body for a model that does not speak it (Nova, Llama, Mistral, …) as a Converse input:
// Anthropic's blocks map one for one onto Converse's (text, images, documents, tool use and results,
// thinking, cache_control as cache points). What has no Converse form is a 400 naming the field, rather
// than something quietly dropped; Bedrock's own 400 covers what a model cannot take.
import type {
  ContentBlock,
  ConverseCommandInput,
  Message,
  SystemContentBlock,
  Tool,
  ToolChoice,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { AnthropicBody } from './anthropic-body';

type Json = Record<string, unknown>;

/** Members read here or by the gateway; anything else is refused by name. */
const KNOWN = new Set([
  'model',
  'stream',
  'metadata',
  'max_tokens',
  'messages',
  'system',
  'temperature',
  'top_p',
  'stop_sequences',
  'tools',
  'tool_choice',
  'thinking',
]);

const CACHE_POINT = { cachePoint: { type: 'default' as const } };

export function toConverseMessagesInput(
  body: AnthropicBody,
  modelId: string,
  model: string,
): ConverseCommandInput {
  for (const key of Object.keys(body)) if (!KNOWN.has(key)) throw unsupported(key, model);
  if ((body.thinking as Json | undefined)?.type === 'enabled') throw unsupported('thinking', model);
  const input: ConverseCommandInput = {
    modelId,
    messages: (body.messages as Json[]).map((message, index) =>
      converseMessage(message, `messages.${index}`),
    ),
    inferenceConfig: {
      maxTokens: body.max_tokens as number,
      temperature: body.temperature as number | undefined,
      topP: body.top_p as number | undefined,
      stopSequences: body.stop_sequences as string[] | undefined,
    },
  };
  const system = systemBlocks(body.system);
  if (system.length > 0) input.system = system;
  const tools = toolsOf(body.tools);
  if (tools.length > 0)
    input.toolConfig = { tools, toolChoice: toolChoiceOf(body.tool_choice as Json | undefined) };
  return input;
}

function unsupported(field: string, model: string): OpenAIError {
  return OpenAIError.badRequest(
    `${field}: not supported for model "${model}", which the gateway serves through Converse (only Claude takes the Messages API natively)`,
    field,
    'unsupported_param',
  );
}

function systemBlocks(system: unknown): SystemContentBlock[] {
  if (system === undefined || system === null || system === '') return [];
  if (typeof system === 'string') return [{ text: system }];
  return (system as Json[]).flatMap((block, index) => {
    if (block.type !== 'text' || typeof block.text !== 'string')
      throw OpenAIError.badRequest(`system.${index}: expected a text block`, 'system');
    return withCachePoint<SystemContentBlock>(block, { text: block.text });
  });
}

function withCachePoint<T>(block: Json, converted: T): T[] {
  return block.cache_control ? [converted, CACHE_POINT as T] : [converted];
}

function converseMessage(message: Json, path: string): Message {
  const content = message.content;
  const blocks =
    typeof content === 'string'
      ? [{ text: content }]
      : Array.isArray(content)
        ? (content as Json[]).flatMap((block, index) => contentBlocks(block, `${path}.content.${index}`))
        : [];
  return { role: message.role as 'user' | 'assistant', content: blocks };
}

function contentBlocks(block: Json, path: string): ContentBlock[] {
  switch (block.type) {
    case 'text':
      return withCachePoint<ContentBlock>(block, { text: String(block.text ?? '') });
    case 'image':
      return withCachePoint<ContentBlock>(block, { image: imageOf(block, path) as never });
    case 'document':
      return withCachePoint<ContentBlock>(block, { document: documentOf(block, path) as never });
    case 'tool_use':
      return withCachePoint<ContentBlock>(block, {
        toolUse: {
          toolUseId: String(block.id),
          name: String(block.name),
          input: (block.input ?? {}) as never,
        },
      });
    case 'tool_result':
      return withCachePoint<ContentBlock>(block, {
        toolResult: {
          toolUseId: String(block.tool_use_id),
          content: toolResultContent(block.content, path),
          ...(block.is_error === true ? { status: 'error' as const } : {}),
        },
      });
    case 'thinking':
      return [
        {
          reasoningContent: {
            reasoningText: {
              text: String(block.thinking ?? ''),
              signature: block.signature as string | undefined,
            },
          },
        },
      ];
    case 'redacted_thinking':
      return [{ reasoningContent: { redactedContent: Buffer.from(String(block.data ?? ''), 'base64') } }];
    default:
      throw OpenAIError.badRequest(
        `${path}.type: content blocks of type ${JSON.stringify(block.type)} cannot be sent through Converse`,
        `${path}.type`,
      );
  }
}

function base64Source(block: Json, path: string): { mediaType: string; bytes: Uint8Array } {
  const source = (block.source ?? {}) as Json;
  if (source.type === 'base64' && typeof source.data === 'string' && typeof source.media_type === 'string')
    return { mediaType: source.media_type, bytes: Buffer.from(source.data, 'base64') };
  if (source.type === 'text' && typeof source.data === 'string')
    return { mediaType: 'text/plain', bytes: Buffer.from(source.data) };
  throw OpenAIError.badRequest(
    `${path}.source: only base64 sources can be sent through Converse (got ${JSON.stringify(source.type)})`,
    `${path}.source`,
  );
}

function imageOf(block: Json, path: string) {
  const { mediaType, bytes } = base64Source(block, path);
  return { format: mediaType.replace(/^image\//, ''), source: { bytes } };
}

const DOCUMENT_FORMATS: Record<string, string> = { 'application/pdf': 'pdf', 'text/plain': 'txt' };

function documentOf(block: Json, path: string) {
  const { mediaType, bytes } = base64Source(block, path);
  const format = DOCUMENT_FORMATS[mediaType];
  if (!format)
    throw OpenAIError.badRequest(
      `${path}.source.media_type: ${mediaType} is not supported`,
      `${path}.source`,
    );
  // Bedrock's document names: letters, digits, single spaces, hyphens, parentheses and brackets.
  const title = typeof block.title === 'string' ? block.title : '';
  const name = title
    .replace(/[^A-Za-z0-9 ()[\]-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { format, name: name || 'document', source: { bytes } };
}

function toolResultContent(content: unknown, path: string): ToolResultContentBlock[] {
  if (content === undefined || content === null) return [{ text: '' }];
  if (typeof content === 'string') return [{ text: content }];
  return (content as Json[]).map((part, index) => {
    if (part.type === 'text') return { text: String(part.text ?? '') };
    if (part.type === 'image') return { image: imageOf(part, `${path}.content.${index}`) as never };
    throw OpenAIError.badRequest(
      `${path}.content.${index}.type: tool results carry text and images through Converse`,
      `${path}.content`,
    );
  });
}

function toolsOf(tools: unknown): Tool[] {
  if (!Array.isArray(tools)) return [];
  return (tools as Json[]).flatMap((tool, index) => {
    if (typeof tool.name !== 'string' || (tool.type !== undefined && tool.type !== 'custom'))
      throw OpenAIError.badRequest(
        `tools.${index}: only custom tools (name, description, input_schema) can be sent through Converse`,
        `tools.${index}`,
      );
    return withCachePoint<Tool>(tool, {
      toolSpec: {
        name: tool.name,
        description: typeof tool.description === 'string' ? tool.description : undefined,
        inputSchema: { json: (tool.input_schema ?? { type: 'object', properties: {} }) as never },
      },
    });
  });
}

function toolChoiceOf(choice: Json | undefined): ToolChoice | undefined {
  switch (choice?.type) {
    case 'any':
      return { any: {} };
    case 'tool':
      return { tool: { name: String(choice.name) } };
    case 'auto':
      return { auto: {} };
    default:
      return undefined;
  }
}
