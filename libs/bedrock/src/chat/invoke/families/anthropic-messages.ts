// Claude 3 and later on InvokeModel: Anthropic's Messages body with `anthropic_version:
// "bedrock-2023-05-31"` and `anthropic_beta` (from the `anthropic-beta` request header). Text, images,
// PDFs, tool use and results, thinking blocks and cache points come from the Converse input, so they
// follow exactly the checks of the Converse route; `thinking`, `top_k` and other native fields come from
// its additionalModelRequestFields. Answers (content blocks, stop_reason, usage) and the stream's
// message_start … message_stop events are read back into Converse's shapes.
import type {
  ContentBlock,
  ConverseCommandInput,
  ConverseStreamOutput,
  SystemContentBlock,
  Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { type InvokeFamily, type JsonObject, type NativeAnswer } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, extraFields, samplingOf } from '../prompt-turns';
import { numberOr } from '../text-chunk-events';
import { withCacheControl, anthropicBlock } from './anthropic-blocks';

export const ANTHROPIC_VERSION = 'bedrock-2023-05-31';

function systemBlocks(system: SystemContentBlock[] | undefined): JsonObject[] | undefined {
  if (!system || system.length === 0) return undefined;
  const blocks: JsonObject[] = [];
  for (const block of system) {
    if (block.cachePoint) withCacheControl(blocks);
    else if (block.text !== undefined) blocks.push({ type: 'text', text: block.text });
  }
  return blocks;
}

function messages(input: ConverseCommandInput): JsonObject[] {
  return (input.messages ?? []).map((message) => {
    const content: JsonObject[] = [];
    for (const block of message.content ?? []) {
      if (block.cachePoint) withCacheControl(content);
      else {
        const converted = anthropicBlock(block);
        if (converted) content.push(converted);
      }
    }
    return { role: message.role, content };
  });
}

function tools(list: Tool[] | undefined): JsonObject[] | undefined {
  if (!list || list.length === 0) return undefined;
  const converted: JsonObject[] = [];
  for (const tool of list) {
    if (tool.cachePoint) withCacheControl(converted);
    else if (tool.toolSpec)
      converted.push(
        definedMembers({
          name: tool.toolSpec.name,
          description: tool.toolSpec.description,
          input_schema: tool.toolSpec.inputSchema?.json ?? { type: 'object', properties: {} },
        }),
      );
  }
  return converted;
}

function toolChoice(input: ConverseCommandInput): JsonObject | undefined {
  const choice = input.toolConfig?.toolChoice;
  if (!choice) return undefined;
  if (choice.any) return { type: 'any' };
  if (choice.tool) return { type: 'tool', name: choice.tool.name };
  return { type: 'auto' };
}

export const anthropicMessagesFamily: InvokeFamily = {
  limits: {},
  body(input, options) {
    const sampling = samplingOf(input);
    const extra = extraFields(input);
    const beta = [
      ...new Set([...options.anthropicBeta, ...((extra.anthropic_beta as string[] | undefined) ?? [])]),
    ];
    delete extra.anthropic_beta;
    return definedMembers({
      anthropic_version: ANTHROPIC_VERSION,
      anthropic_beta: beta.length > 0 ? beta : undefined,
      max_tokens: sampling.maxTokens ?? options.defaultMaxTokens,
      system: systemBlocks(input.system),
      messages: messages(input),
      temperature: sampling.temperature,
      top_p: sampling.topP,
      stop_sequences: sampling.stop,
      tools: tools(input.toolConfig?.tools),
      tool_choice: toolChoice(input),
      ...extra,
    });
  },
  answer(body): NativeAnswer {
    const content: ContentBlock[] = [];
    for (const block of (Array.isArray(body.content) ? body.content : []) as JsonObject[]) {
      const converted = converseBlock(block);
      if (converted) content.push(converted);
    }
    const usage = (body.usage ?? {}) as JsonObject;
    return {
      content,
      stopReason: stopReasonOf(body.stop_reason) ?? 'end_turn',
      usage: {
        inputTokens: numberOr(usage.input_tokens),
        outputTokens: numberOr(usage.output_tokens),
        cacheReadTokens: numberOr(usage.cache_read_input_tokens),
        cacheWriteTokens: numberOr(usage.cache_creation_input_tokens),
      },
    };
  },
  decoder: () => anthropicEventDecoder,
};

function converseBlock(block: JsonObject): ContentBlock | undefined {
  switch (block.type) {
    case 'text':
      return { text: String(block.text ?? '') };
    case 'tool_use':
      return {
        toolUse: {
          toolUseId: String(block.id ?? ''),
          name: String(block.name ?? ''),
          input: (block.input ?? {}) as never,
        },
      };
    case 'thinking':
      return {
        reasoningContent: {
          reasoningText: {
            text: String(block.thinking ?? ''),
            signature: block.signature as string | undefined,
          },
        },
      };
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: Buffer.from(String(block.data ?? ''), 'base64') } };
    default:
      return undefined;
  }
}

function anthropicEventDecoder(event: JsonObject): ConverseStreamOutput[] {
  const index = numberOr(event.index);
  switch (event.type) {
    case 'message_start':
      return [{ messageStart: { role: 'assistant' } }];
    case 'content_block_start': {
      const block = (event.content_block ?? {}) as JsonObject;
      if (block.type !== 'tool_use') return [];
      return [
        {
          contentBlockStart: {
            contentBlockIndex: index,
            start: { toolUse: { toolUseId: String(block.id ?? ''), name: String(block.name ?? '') } },
          },
        },
      ];
    }
    case 'content_block_delta':
      return deltaEvents(index, (event.delta ?? {}) as JsonObject);
    case 'content_block_stop':
      return [{ contentBlockStop: { contentBlockIndex: index } }];
    case 'message_delta': {
      const stopReason = stopReasonOf(((event.delta ?? {}) as JsonObject).stop_reason);
      return stopReason ? [{ messageStop: { stopReason } }] : [];
    }
    default:
      return [];
  }
}

function deltaEvents(index: number, delta: JsonObject): ConverseStreamOutput[] {
  const at = (converted: NonNullable<ConverseStreamOutput['contentBlockDelta']>['delta']) =>
    [{ contentBlockDelta: { contentBlockIndex: index, delta: converted } }] as ConverseStreamOutput[];
  switch (delta.type) {
    case 'text_delta':
      return at({ text: String(delta.text ?? '') });
    case 'input_json_delta':
      return at({ toolUse: { input: String(delta.partial_json ?? '') } });
    case 'thinking_delta':
      return at({ reasoningContent: { text: String(delta.thinking ?? '') } });
    case 'signature_delta':
      return at({ reasoningContent: { signature: String(delta.signature ?? '') } });
    default:
      return [];
  }
}
