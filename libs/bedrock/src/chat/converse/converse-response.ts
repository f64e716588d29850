// Converse response → OpenAI chat completion (non-streaming).
//
// - text: every text block (and the generated text of citation blocks) concatenated in order;
// - tool calls: Bedrock's toolUseId kept as the call id, the Bedrock tool name mapped back to the
//   name the client sent, input serialised to the JSON string OpenAI carries in `arguments`;
//   server-side tool uses (run by Bedrock itself) are not the client's to execute and are left out;
// - reasoning: all reasoning text joined into `reasoning_content`; blocks that must be replayed on the
//   next turn (signed or redacted) also listed in `thinking_blocks`, in order;
// - JSON mode through a forced tool: that tool's input is the answer, so it becomes `content` and no
//   tool call is returned; stray text around it would make the content unparseable and is dropped
//   (kept only when the model never called the tool, so the client still gets its answer).
import type { ContentBlock, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type {
  ChatCompletion,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
  ThinkingBlock,
} from '@quarry/openai';
import { tokenUsageFromBedrock, type TokenUsage } from '../../pricing/token-usage';
import type { ModelPrice } from '../../pricing/model-price';
import { servedTier } from './call-service-tier';
import { toCompletionUsage } from './completion-usage';
import { toFinishReason } from './converse-finish-reason';
import { redactedReasoningData } from './redacted-reasoning';
import type { TranslationContext } from './translation-context';

export interface ConverseResponseMeta {
  /** The completion id the gateway assigned (`chatcmpl-…`). */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model as the caller named it (the public model name, not the Bedrock id). */
  model: string;
  context: TranslationContext;
  /** The deployment's price, when known: `usage.cost` is then filled in. */
  price?: ModelPrice;
}

export function fromConverseResponse(
  output: ConverseCommandOutput,
  meta: ConverseResponseMeta,
): { completion: ChatCompletion; usage: TokenUsage } {
  const blocks: ContentBlock[] = output.output?.message?.content ?? [];
  const jsonToolName = meta.context.jsonMode.kind === 'tool' ? meta.context.jsonMode.toolName : undefined;

  let text = '';
  let sawText = false;
  let jsonContent: string | undefined;
  let reasoning = '';
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];

  for (const block of blocks) {
    if (block.text !== undefined) {
      text += block.text;
      sawText = true;
    } else if (block.citationsContent) {
      for (const generated of block.citationsContent.content ?? []) {
        if (generated.text !== undefined) {
          text += generated.text;
          sawText = true;
        }
      }
    } else if (block.toolUse) {
      const toolUse = block.toolUse;
      if (toolUse.type === 'server_tool_use') continue;
      const bedrockName = toolUse.name ?? '';
      const argumentsJson = JSON.stringify(toolUse.input ?? {});
      if (jsonToolName !== undefined && bedrockName === jsonToolName) {
        jsonContent = argumentsJson;
        continue;
      }
      toolCalls.push({
        id: toolUse.toolUseId ?? '',
        type: 'function',
        function: { name: meta.context.toolNames.get(bedrockName) ?? bedrockName, arguments: argumentsJson },
      });
    } else if (block.reasoningContent) {
      const reasoningBlock = block.reasoningContent;
      if (reasoningBlock.reasoningText) {
        const thinking = reasoningBlock.reasoningText.text ?? '';
        reasoning += thinking;
        const signature = reasoningBlock.reasoningText.signature;
        if (signature) thinkingBlocks.push({ type: 'thinking', thinking, signature });
      } else if (reasoningBlock.redactedContent) {
        thinkingBlocks.push({
          type: 'redacted_thinking',
          data: redactedReasoningData(reasoningBlock.redactedContent),
        });
      }
    }
    // Other blocks (images, tool results of server tools, future members) have no OpenAI equivalent.
  }

  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: jsonContent ?? (sawText || toolCalls.length === 0 ? text : null),
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '' || thinkingBlocks.length > 0) message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;

  const usage = tokenUsageFromBedrock(output.usage);
  const serviceTier = servedTier(output, meta.context.serviceTier);
  if (serviceTier) usage.serviceTier = serviceTier;
  const completion: ChatCompletion = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: toFinishReason(output.stopReason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: toCompletionUsage(usage, meta.price),
    system_fingerprint: null,
  };
  // Bedrock sends a trace only when guardrailConfig.trace asked for one ('disabled' → none).
  if (output.trace?.guardrail)
    completion.trace = { guardrail: output.trace.guardrail as Record<string, unknown> };
  return { completion, usage };
}
