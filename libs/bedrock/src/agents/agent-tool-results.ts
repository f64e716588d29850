// The client's answers to an agent's tool calls → `sessionState.returnControlInvocationResults`.
// The trailing `tool` messages of a request answer the tool calls of the agent's last reply; each
// names its call by `tool_call_id`, which says which invocation, session and action it answers
// (agent-tool-call-id.ts). A function's result goes back as a TEXT body, an API operation's as an
// application/json body (the content type API-schema action groups describe their responses with).
import type { InvocationResultMember } from '@aws-sdk/client-bedrock-agent-runtime';
import { OpenAIError, type ChatMessage, type ToolMessage } from '@quarry/openai';
import { decodeAgentToolCallId } from './agent-tool-call-id';

export interface AgentToolResults {
  sessionId: string;
  invocationId: string;
  results: InvocationResultMember[];
}

/** The trailing tool messages (with their indexes), oldest first; empty when the last message is not one. */
export function trailingToolMessages(messages: readonly ChatMessage[]): Array<[ToolMessage, number]> {
  const trailing: Array<[ToolMessage, number]> = [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.role !== 'tool') break;
    trailing.unshift([message, index]);
  }
  return trailing;
}

export function toolResultsFrom(toolMessages: ReadonlyArray<[ToolMessage, number]>): AgentToolResults {
  let sessionId: string | undefined;
  let invocationId: string | undefined;
  const results: InvocationResultMember[] = [];
  for (const [message, index] of toolMessages) {
    const param = `messages[${index}].tool_call_id`;
    const call = decodeAgentToolCallId(message.tool_call_id, param);
    if (
      (sessionId !== undefined && call.sessionId !== sessionId) ||
      (invocationId !== undefined && call.invocationId !== invocationId)
    ) {
      throw OpenAIError.badRequest(
        `${param} answers a different agent turn than the other tool messages; answer only the tool calls of the agent's last reply`,
        param,
      );
    }
    sessionId = call.sessionId;
    invocationId = call.invocationId;
    const body = toolText(message, index);
    const { action } = call;
    results.push(
      action.kind === 'function'
        ? {
            functionResult: {
              actionGroup: action.actionGroup,
              function: action.function,
              responseBody: { TEXT: { body } },
            },
          }
        : {
            apiResult: {
              actionGroup: action.actionGroup,
              httpMethod: action.httpMethod,
              apiPath: action.apiPath,
              responseBody: { 'application/json': { body } },
            },
          },
    );
  }
  return { sessionId: sessionId ?? '', invocationId: invocationId ?? '', results };
}

function toolText(message: ToolMessage, index: number): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  message.content.forEach((part, partIndex) => {
    if (part.type !== 'text') {
      throw OpenAIError.badRequest(
        'Agents take text tool results only',
        `messages[${index}].content[${partIndex}]`,
      );
    }
    text += part.text;
  });
  return text;
}
