// InvokeAgent events → OpenAI chat.completion.chunk objects as the agent produces them, in the order
// chat streams follow: a role chunk first; content deltas as the agent's `chunk` events arrive (with
// streamFinalResponse on, the final answer comes in pieces); a returnControl as tool-call deltas;
// exactly one chunk with finish_reason once the agent's stream has ended; then the usage chunk when
// asked. Traces feed the meter and reach the client only when it set enableTrace.
import type { ResponseStream } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ChatCompletionChunkDelta, ChatCompletionFinishReason } from '@quarry/openai';
import type { TokenUsage } from '../pricing/token-usage';
import { agentCompletionUsage, type AgentChatCompletionChunk, type AgentReplyMeta } from './agent-completion';
import { AgentEventReader } from './agent-event';
import { toolCallsFromReturnControl } from './agent-return-control';
import { AgentUsageMeter } from './agent-usage';

export interface AgentStreamMeta extends AgentReplyMeta {
  includeUsage: boolean;
}

const NO_CHUNKS: readonly AgentChatCompletionChunk[] = Object.freeze([]);

export class AgentStreamTranslator {
  readonly meter = new AgentUsageMeter();
  private readonly reader = new AgentEventReader();
  private roleSent = false;
  private finishSent = false;
  private toolCallCount = 0;

  constructor(private readonly meta: AgentStreamMeta) {}

  get usage(): TokenUsage {
    return this.meter.usage;
  }

  translate(event: ResponseStream): readonly AgentChatCompletionChunk[] {
    if (this.finishSent) return NO_CHUNKS;
    const read = this.reader.read(event);
    switch (read.kind) {
      case 'text':
        return read.text === '' ? NO_CHUNKS : [this.chunk({ content: read.text })];
      case 'trace':
        this.meter.record(read.trace);
        return this.meta.clientTrace ? [this.chunk({}, null, { agent: [read.trace] })] : NO_CHUNKS;
      case 'returnControl': {
        const toolCalls = toolCallsFromReturnControl(read.payload, this.meta.sessionId);
        return toolCalls.map((toolCall) =>
          this.chunk({ tool_calls: [{ index: this.toolCallCount++, ...toolCall }] }),
        );
      }
      case 'skipped':
        return NO_CHUNKS;
      default:
        return read satisfies never;
    }
  }

  /** Call once the agent's stream has ended without error: the finish chunk, then usage if asked. */
  finish(): AgentChatCompletionChunk[] {
    if (this.finishSent) return [];
    const chunks: AgentChatCompletionChunk[] = [];
    const rest = this.reader.flush();
    if (rest !== '') chunks.push(this.chunk({ content: rest }));
    const reason: ChatCompletionFinishReason = this.toolCallCount > 0 ? 'tool_calls' : 'stop';
    chunks.push(this.chunk({}, reason));
    this.finishSent = true;
    if (this.meta.includeUsage) {
      const chunk = this.base([]);
      chunk.usage = agentCompletionUsage(this.meter, this.meta.priceOf);
      chunks.push(chunk);
    }
    return chunks;
  }

  private chunk(
    delta: ChatCompletionChunkDelta,
    finishReason: ChatCompletionFinishReason | null = null,
    trace?: AgentChatCompletionChunk['trace'],
  ): AgentChatCompletionChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', content: '', ...delta };
    }
    const chunk = this.base([{ index: 0, delta, finish_reason: finishReason, logprobs: null }]);
    if (this.meta.includeUsage) chunk.usage = null;
    if (trace) chunk.trace = trace;
    return chunk;
  }

  /** A chunk's members in one literal: `{ ...base(), choices }` made a new hidden class per chunk on Node 20. */
  private base(choices: AgentChatCompletionChunk['choices']): AgentChatCompletionChunk {
    return {
      id: this.meta.id,
      object: 'chat.completion.chunk',
      created: this.meta.created,
      model: this.meta.model,
      system_fingerprint: null,
      session_id: this.meta.sessionId,
      choices,
    };
  }
}
