// What an agent's answer looks like to an OpenAI client: the chat completion (or chunk) fields every
// agent reply shares, plus `session_id` — the agent session to continue — and, only when the client set
// enableTrace, the agent's trace events under `trace.agent`.
import type { TracePart } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ChatCompletion, ChatCompletionChunk, CompletionUsage } from '@quarry/openai';
import { roundCost } from '../pricing/cost-format';
import { toCompletionUsage } from '../chat/converse/completion-usage';
import type { AgentModelPrice, AgentUsageMeter } from './agent-usage';

export interface AgentReplyMeta {
  /** `chatcmpl-…`, shared by the chunks of one stream. */
  id: string;
  created: number;
  /** The public model name the client called. */
  model: string;
  sessionId: string;
  clientTrace: boolean;
  priceOf: AgentModelPrice;
}

export type AgentChatCompletion = Omit<ChatCompletion, 'trace'> & {
  session_id: string;
  trace?: { agent: TracePart[] };
};

export type AgentChatCompletionChunk = ChatCompletionChunk & {
  session_id: string;
  trace?: { agent: TracePart[] };
};

/** OpenAI usage from the trace's model calls, with the cost when any step could be priced. */
export function agentCompletionUsage(meter: AgentUsageMeter, priceOf: AgentModelPrice): CompletionUsage {
  const usage = toCompletionUsage(meter.usage);
  const cost = meter.cost(priceOf);
  return cost === undefined ? usage : { ...usage, cost: roundCost(cost) };
}
