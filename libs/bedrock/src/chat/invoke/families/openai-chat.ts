// The OpenAI-like native bodies: gpt-oss, Qwen 3, DeepSeek V3, Kimi, imported `bedrock/openai/` models
// (`{messages, max_tokens, temperature, top_p, stop, tools, tool_choice, reasoning_effort}` in,
// `{choices: [{message, finish_reason}], usage}` and OpenAI-style delta chunks out), AI21 Jamba (no
// tool_choice) and Mistral Large 2 (24.07: `stop_reason`, whole messages in its stream chunks).
import type { ContentBlock, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { refuseUnlessDropped, type InvokeFamily, type JsonObject, type NativeAnswer } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { openAiMessages, openAiToolChoice, openAiTools } from '../openai-messages';
import { definedMembers, extraFields, samplingOf } from '../prompt-turns';
import { numberOr } from '../text-chunk-events';

export interface OpenAiChatVariant {
  name: string;
  toolChoice: boolean;
  stop: boolean;
}

export const OPENAI_CHAT: OpenAiChatVariant = { name: 'this model', toolChoice: true, stop: true };
export const JAMBA_CHAT: OpenAiChatVariant = { name: 'AI21 Jamba', toolChoice: false, stop: true };
export const MOONSHOT_CHAT: OpenAiChatVariant = { name: 'Kimi', toolChoice: true, stop: false };

function firstChoice(body: JsonObject): JsonObject {
  return ((Array.isArray(body.choices) ? body.choices : []) as JsonObject[])[0] ?? {};
}

function toolUseBlock(call: JsonObject, fallbackId: string): ContentBlock {
  const fn = (call.function ?? {}) as JsonObject;
  let input: unknown = {};
  try {
    input = JSON.parse(String(fn.arguments ?? '{}'));
  } catch {
    input = { arguments: fn.arguments };
  }
  return {
    toolUse: { toolUseId: String(call.id ?? fallbackId), name: String(fn.name ?? ''), input: input as never },
  };
}

export function openAiChatFamily(variant: OpenAiChatVariant): InvokeFamily {
  return {
    limits: {
      supportsVision: false,
      supportsPdfInput: false,
      supportsPromptCaching: false,
      ...(variant.toolChoice ? {} : { supportsToolChoice: false }),
    },
    body(input, options) {
      const sampling = samplingOf(input);
      if (sampling.stop && !variant.stop) refuseUnlessDropped('stop', variant.name, options);
      return definedMembers({
        messages: openAiMessages(input),
        max_tokens: sampling.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        stop: variant.stop ? sampling.stop : undefined,
        tools: openAiTools(input),
        tool_choice: variant.toolChoice ? openAiToolChoice(input.toolConfig?.toolChoice) : undefined,
        ...extraFields(input),
      });
    },
    answer(body): NativeAnswer {
      const choice = firstChoice(body);
      const message = (choice.message ?? {}) as JsonObject;
      const content: ContentBlock[] = [];
      const reasoning = message.reasoning_content ?? message.reasoning;
      if (typeof reasoning === 'string' && reasoning)
        content.push({ reasoningContent: { reasoningText: { text: reasoning } } });
      content.push({ text: typeof message.content === 'string' ? message.content : '' });
      const calls = (Array.isArray(message.tool_calls) ? message.tool_calls : []) as JsonObject[];
      calls.forEach((call, index) => content.push(toolUseBlock(call, `call_${index}`)));
      const answer: NativeAnswer = {
        content,
        stopReason: stopReasonOf(choice.finish_reason ?? choice.stop_reason) ?? 'end_turn',
      };
      const usage = body.usage as JsonObject | undefined;
      if (usage)
        answer.usage = {
          inputTokens: numberOr(usage.prompt_tokens),
          outputTokens: numberOr(usage.completion_tokens),
        };
      return answer;
    },
    decoder: () => openAiChunkDecoder(),
  };
}

/** OpenAI-style deltas (or Mistral's whole messages) → Converse events; tool calls open blocks 1, 2, …. */
function openAiChunkDecoder() {
  let started = false;
  let stopped = false;
  const toolBlocks = new Map<number, number>();
  return (chunk: JsonObject): ConverseStreamOutput[] => {
    const events: ConverseStreamOutput[] = [];
    if (!started) {
      started = true;
      events.push({ messageStart: { role: 'assistant' } });
    }
    const choice = firstChoice(chunk);
    const delta = (choice.delta ?? choice.message ?? {}) as JsonObject;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string' && reasoning)
      events.push({
        contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: reasoning } } },
      });
    if (typeof delta.content === 'string' && delta.content)
      events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: delta.content } } });
    const calls = (Array.isArray(delta.tool_calls) ? delta.tool_calls : []) as JsonObject[];
    calls.forEach((call, position) => {
      const callIndex = numberOr(call.index, position);
      const fn = (call.function ?? {}) as JsonObject;
      let block = toolBlocks.get(callIndex);
      if (block === undefined) {
        block = toolBlocks.size + 1;
        toolBlocks.set(callIndex, block);
        events.push({
          contentBlockStart: {
            contentBlockIndex: block,
            start: {
              toolUse: { toolUseId: String(call.id ?? `call_${callIndex}`), name: String(fn.name ?? '') },
            },
          },
        });
      }
      if (typeof fn.arguments === 'string' && fn.arguments)
        events.push({
          contentBlockDelta: { contentBlockIndex: block, delta: { toolUse: { input: fn.arguments } } },
        });
    });
    const stopReason = stopReasonOf(choice.finish_reason ?? choice.stop_reason);
    if (stopReason && !stopped) {
      stopped = true;
      events.push({ messageStop: { stopReason } });
    }
    return events;
  };
}
