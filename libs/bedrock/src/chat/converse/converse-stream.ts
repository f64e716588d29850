// ConverseStream events → OpenAI chat.completion.chunk objects, one event at a time (hot path: no
// buffering of text, little allocation). The order OpenAI clients rely on:
//   1. a role chunk `delta: {role: 'assistant', content: ''}` (at messageStart);
//   2. content / reasoning / tool-call deltas as they arrive;
//   3. EXACTLY ONE chunk with finish_reason (at messageStop), never followed by another choice chunk;
//   4. when the client asked for usage, one chunk with `choices: []` and `usage` — Converse sends
//      usage in `metadata`, which comes AFTER messageStop, so it is emitted when metadata arrives.
// With guardrailConfig.trace enabled, the finish chunk waits for metadata (it follows messageStop
// at once) and carries its `trace.guardrail` as `trace` and LiteLLM's `provider_specific_fields.trace`.
// Tool calls are numbered from 0 in the order they start; their first delta carries id, type, name
// and empty arguments, later deltas carry argument fragments. In JSON mode through a forced tool the
// tool's input fragments stream as `content`. Reasoning streams as `reasoning_content`; a signed or
// redacted block is also sent whole in `thinking_blocks` once complete, so a client can replay it.
import type {
  ContentBlockDelta,
  ContentBlockStart,
  ConverseStreamMetadataEvent,
  ConverseStreamOutput,
  ReasoningContentBlockDelta,
  StopReason,
} from '@aws-sdk/client-bedrock-runtime';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  ChatCompletionFinishReason,
} from '@quarry/openai';
import { emptyTokenUsage, tokenUsageFromBedrock, type TokenUsage } from '../../pricing/token-usage';
import { servedTier } from './call-service-tier';
import { toCompletionUsage } from './completion-usage';
import type { ConverseResponseMeta } from './converse-response';
import { toFinishReason } from './converse-finish-reason';
import { redactedReasoningData } from './redacted-reasoning';

export interface ConverseStreamMeta extends ConverseResponseMeta {
  /** `stream_options.include_usage`: send the final usage chunk. */
  includeUsage: boolean;
}

/** What a content block index turned out to be, learnt from its contentBlockStart. */
type BlockRole = { kind: 'tool'; toolCallIndex: number } | { kind: 'json' } | { kind: 'ignored' };

/** Shared by every event that yields nothing (most of them): frozen, so no caller can fill it. */
const NO_CHUNKS: readonly ChatCompletionChunk[] = Object.freeze([]);

export class ConverseStreamTranslator {
  private roleSent = false;
  private finishSent = false;
  private usageSent = false;
  private usageArrived = false;
  private tokenUsage: TokenUsage = emptyTokenUsage();
  private reason: ChatCompletionFinishReason | undefined;
  private toolCallCount = 0;
  private readonly blockRoles = new Map<number, BlockRole>();
  private readonly jsonToolName: string | undefined;
  private sawJsonTool = false;
  /** Text held back in JSON tool mode; sent only if the model never called the forced tool. */
  private heldText = '';
  private reasoningBlockIndex = -1;
  private reasoningText = '';
  /** The finish chunk(s), held until metadata brings the guardrail trace (only when one was asked for). */
  private heldFinish: ChatCompletionChunk[] | undefined;

  constructor(private readonly meta: ConverseStreamMeta) {
    this.jsonToolName = meta.context.jsonMode.kind === 'tool' ? meta.context.jsonMode.toolName : undefined;
    // Also for a stream cut short before metadata: its estimated usage is priced on the tier asked for.
    if (meta.context.serviceTier) this.tokenUsage.serviceTier = meta.context.serviceTier;
  }

  /** Usage from the metadata event (zeros until it arrives). */
  get usage(): TokenUsage {
    return this.tokenUsage;
  }

  /** Whether Bedrock reported usage (false when the stream broke off before metadata). */
  get usageReceived(): boolean {
    return this.usageArrived;
  }

  get finishChunkSent(): boolean {
    return this.finishSent;
  }

  get finishReason(): ChatCompletionFinishReason | undefined {
    return this.reason;
  }

  translate(event: ConverseStreamOutput): readonly ChatCompletionChunk[] {
    if (event.contentBlockDelta)
      return this.onDelta(event.contentBlockDelta.contentBlockIndex ?? 0, event.contentBlockDelta.delta);
    if (event.contentBlockStart)
      return this.onBlockStart(event.contentBlockStart.contentBlockIndex ?? 0, event.contentBlockStart.start);
    if (event.contentBlockStop) return NO_CHUNKS;
    if (event.messageStart) return this.onMessageStart();
    if (event.messageStop) return this.onMessageStop(event.messageStop.stopReason);
    if (event.metadata) return this.onMetadata(event.metadata);
    const exception =
      event.internalServerException ??
      event.modelStreamErrorException ??
      event.serviceUnavailableException ??
      event.throttlingException ??
      event.validationException;
    // The SDK throws modelled stream exceptions itself; should one ever be yielded as a value, it
    // must still end the stream as an error rather than vanish.
    if (exception) throw exception;
    return NO_CHUNKS; // events newer than this translator
  }

  /**
   * Call once the Bedrock stream has ended without error. Returns what is still owed to the client:
   * the finish chunk if messageStop never came, and the usage chunk if it was asked for, Bedrock
   * reported usage and it was not sent yet.
   */
  finish(): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    if (!this.finishSent) chunks.push(...this.onMessageStop(undefined));
    chunks.push(...this.releaseFinish(undefined));
    if (this.meta.includeUsage && this.usageArrived && !this.usageSent) chunks.push(this.usageChunk());
    return chunks;
  }

  /** The final `choices: []` chunk carrying usage (also usable by the gateway on its own). */
  usageChunk(): ChatCompletionChunk {
    this.usageSent = true;
    return {
      id: this.meta.id,
      object: 'chat.completion.chunk',
      created: this.meta.created,
      model: this.meta.model,
      system_fingerprint: null,
      choices: [],
      usage: toCompletionUsage(this.tokenUsage, this.meta.price),
    };
  }

  private onMessageStart(): readonly ChatCompletionChunk[] {
    if (this.roleSent) return NO_CHUNKS;
    this.roleSent = true;
    return [this.chunk({ role: 'assistant', content: '' }, null)];
  }

  private onBlockStart(
    blockIndex: number,
    start: ContentBlockStart | undefined,
  ): readonly ChatCompletionChunk[] {
    const toolUse = start?.toolUse;
    if (!toolUse || toolUse.type === 'server_tool_use') {
      this.blockRoles.set(blockIndex, { kind: 'ignored' });
      return NO_CHUNKS;
    }
    const bedrockName = toolUse.name ?? '';
    if (this.jsonToolName !== undefined && bedrockName === this.jsonToolName) {
      this.blockRoles.set(blockIndex, { kind: 'json' });
      this.sawJsonTool = true;
      return NO_CHUNKS;
    }
    const toolCallIndex = this.toolCallCount++;
    this.blockRoles.set(blockIndex, { kind: 'tool', toolCallIndex });
    if (this.finishSent) return NO_CHUNKS;
    return [
      this.chunk(
        {
          tool_calls: [
            {
              index: toolCallIndex,
              id: toolUse.toolUseId ?? '',
              type: 'function',
              function: { name: this.meta.context.toolNames.get(bedrockName) ?? bedrockName, arguments: '' },
            },
          ],
        },
        null,
      ),
    ];
  }

  private onDelta(blockIndex: number, delta: ContentBlockDelta | undefined): readonly ChatCompletionChunk[] {
    if (!delta || this.finishSent) return NO_CHUNKS;
    if (delta.text !== undefined) {
      if (delta.text === '') return NO_CHUNKS;
      if (this.jsonToolName !== undefined) {
        this.heldText += delta.text;
        return NO_CHUNKS;
      }
      return [this.chunk({ content: delta.text }, null)];
    }
    if (delta.toolUse) {
      const fragment = delta.toolUse.input;
      if (!fragment) return NO_CHUNKS;
      const role = this.blockRoles.get(blockIndex);
      if (role?.kind === 'json') return [this.chunk({ content: fragment }, null)];
      if (role?.kind !== 'tool') return NO_CHUNKS;
      return [
        this.chunk({ tool_calls: [{ index: role.toolCallIndex, function: { arguments: fragment } }] }, null),
      ];
    }
    if (delta.reasoningContent) return this.onReasoningDelta(blockIndex, delta.reasoningContent);
    return NO_CHUNKS; // citations, images, tool results of server tools: nothing to tell an OpenAI client
  }

  private onReasoningDelta(
    blockIndex: number,
    reasoning: ReasoningContentBlockDelta,
  ): readonly ChatCompletionChunk[] {
    if (blockIndex !== this.reasoningBlockIndex) {
      this.reasoningBlockIndex = blockIndex;
      this.reasoningText = '';
    }
    if (reasoning.text !== undefined) {
      if (reasoning.text === '') return NO_CHUNKS;
      this.reasoningText += reasoning.text;
      return [this.chunk({ reasoning_content: reasoning.text }, null)];
    }
    if (reasoning.signature !== undefined) {
      const block = {
        type: 'thinking' as const,
        thinking: this.reasoningText,
        signature: reasoning.signature,
      };
      return [this.chunk({ thinking_blocks: [block] }, null)];
    }
    if (reasoning.redactedContent !== undefined) {
      const block = {
        type: 'redacted_thinking' as const,
        data: redactedReasoningData(reasoning.redactedContent),
      };
      return [this.chunk({ thinking_blocks: [block] }, null)];
    }
    return NO_CHUNKS;
  }

  private onMessageStop(stopReason: StopReason | undefined): readonly ChatCompletionChunk[] {
    if (this.finishSent) return NO_CHUNKS;
    const chunks: ChatCompletionChunk[] = [];
    if (this.heldText !== '' && !this.sawJsonTool) chunks.push(this.chunk({ content: this.heldText }, null));
    this.heldText = '';
    this.reason = toFinishReason(stopReason, this.toolCallCount > 0);
    this.finishSent = true;
    chunks.push(this.chunk({}, this.reason));
    if (!this.meta.context.guardrailTrace) return chunks;
    this.heldFinish = chunks;
    return NO_CHUNKS;
  }

  /** The held finish chunk(s), the last one carrying the guardrail trace if Bedrock sent one. */
  private releaseFinish(guardrail: Record<string, unknown> | undefined): ChatCompletionChunk[] {
    const chunks = this.heldFinish ?? [];
    this.heldFinish = undefined;
    const last = chunks.at(-1);
    if (last && guardrail) {
      last.trace = { guardrail };
      last.provider_specific_fields = { trace: { guardrail } };
    }
    return chunks;
  }

  private onMetadata(metadata: ConverseStreamMetadataEvent): readonly ChatCompletionChunk[] {
    this.tokenUsage = tokenUsageFromBedrock(metadata.usage);
    const serviceTier = servedTier(metadata, this.meta.context.serviceTier);
    if (serviceTier) this.tokenUsage.serviceTier = serviceTier;
    this.usageArrived = true;
    const chunks = this.releaseFinish(metadata.trace?.guardrail as Record<string, unknown> | undefined);
    // Usage must come after the finish chunk; if Bedrock ever reorders, finish() sends it.
    if (this.meta.includeUsage && this.finishSent && !this.usageSent) chunks.push(this.usageChunk());
    return chunks;
  }

  private chunk(
    delta: ChatCompletionChunkDelta,
    finishReason: ChatCompletionFinishReason | null,
  ): ChatCompletionChunk {
    if (!this.roleSent) {
      // Content before messageStart (not seen from Bedrock, but cheap to guard): the first delta
      // a client sees must still name the role.
      this.roleSent = true;
      delta = { role: 'assistant', ...delta };
    }
    const chunk: ChatCompletionChunk = {
      id: this.meta.id,
      object: 'chat.completion.chunk',
      created: this.meta.created,
      model: this.meta.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
    if (this.meta.includeUsage) chunk.usage = null;
    return chunk;
  }
}
