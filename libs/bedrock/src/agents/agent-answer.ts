// A whole InvokeAgent answer → one OpenAI chat completion: the chunks' text as the content; a
// returnControl as tool calls (finish_reason `tool_calls`) the client answers in its next request;
// usage and cost from the trace's model calls.
import type { InvokeAgentCommandOutput, TracePart } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ChatCompletionMessage, ChatCompletionMessageToolCall } from '@quarry/openai';
import type { TokenUsage } from '../pricing/token-usage';
import { agentCompletionUsage, type AgentChatCompletion, type AgentReplyMeta } from './agent-completion';
import { AgentEventReader } from './agent-event';
import { toolCallsFromReturnControl } from './agent-return-control';
import { AgentUsageMeter } from './agent-usage';

export interface AgentAnswer {
  text: string;
  toolCalls: ChatCompletionMessageToolCall[];
  traces: TracePart[];
  meter: AgentUsageMeter;
}

/** Reads the whole event stream (under the call's abort signal, which the SDK request carries). */
export async function collectAgentAnswer(
  output: InvokeAgentCommandOutput,
  sessionId: string,
  keepTraces: boolean,
): Promise<AgentAnswer> {
  const reader = new AgentEventReader();
  const answer: AgentAnswer = { text: '', toolCalls: [], traces: [], meter: new AgentUsageMeter() };
  for await (const event of output.completion ?? []) {
    const read = reader.read(event);
    switch (read.kind) {
      case 'text':
        answer.text += read.text;
        break;
      case 'trace':
        answer.meter.record(read.trace);
        if (keepTraces) answer.traces.push(read.trace);
        break;
      case 'returnControl':
        answer.toolCalls.push(...toolCallsFromReturnControl(read.payload, sessionId));
        break;
      case 'skipped':
        break;
      default:
        return read satisfies never;
    }
  }
  answer.text += reader.flush();
  return answer;
}

export function fromAgentAnswer(
  answer: AgentAnswer,
  meta: AgentReplyMeta,
): { completion: AgentChatCompletion; usage: TokenUsage; cost: number | undefined } {
  const hasToolCalls = answer.toolCalls.length > 0;
  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: answer.text === '' && hasToolCalls ? null : answer.text,
    refusal: null,
    ...(hasToolCalls ? { tool_calls: answer.toolCalls } : {}),
  };
  const completion: AgentChatCompletion = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, finish_reason: hasToolCalls ? 'tool_calls' : 'stop', logprobs: null }],
    usage: agentCompletionUsage(answer.meter, meta.priceOf),
    system_fingerprint: null,
    session_id: meta.sessionId,
    ...(meta.clientTrace ? { trace: { agent: answer.traces } } : {}),
  };
  return { completion, usage: answer.meter.usage, cost: answer.meter.cost(meta.priceOf) };
}
