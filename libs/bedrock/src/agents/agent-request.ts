// A chat request → InvokeAgent input. The agent keeps the conversation in its session, so only the
// newest turn is sent: the last user message as `inputText`, or the trailing tool messages as
// `sessionState.returnControlInvocationResults` (answers to the tool calls of the agent's last reply).
// Earlier messages are the client's copy of what the session already holds. Session and memory ids go
// upstream with the caller's tenant prefix (agent-session-scope.ts). Tracing is always on
// upstream, because the usage to meter is only in the trace; the client sees traces only when it
// set `enableTrace` itself.
import type { InvokeAgentCommandInput, SessionState } from '@aws-sdk/client-bedrock-agent-runtime';
import { OpenAIError, type ChatCompletionRequest, type UserMessage } from '@quarry/openai';
import { agentFieldsOfDeployment, agentFieldsOfRequest } from './agent-request-params';
import { newSessionId, requestedSessionId } from './agent-session-id';
import { toolResultsFrom, trailingToolMessages } from './agent-tool-results';

export interface AgentTarget {
  agentId: string;
  agentAliasId: string;
  /** The deployment's litellm_params that are not gateway settings (InvokeAgent defaults among them). */
  deploymentParams: Record<string, unknown>;
  dropParams: boolean;
  /** The caller's tenant prefix for session and memory ids (agentSessionScope). */
  sessionScope: string;
}

export interface AgentRequest {
  input: InvokeAgentCommandInput;
  /** The session as the client names it (the upstream one carries the tenant prefix). */
  sessionId: string;
  /** The client asked for the agent's trace (`enableTrace: true`); otherwise traces stay internal. */
  clientTrace: boolean;
}

export function toInvokeAgentInput(request: ChatCompletionRequest, target: AgentTarget): AgentRequest {
  const fields = {
    ...agentFieldsOfDeployment(target.deploymentParams),
    ...agentFieldsOfRequest(request, target.dropParams),
  };
  const clientTrace = fields.enableTrace === true;
  let sessionId = requestedSessionId(request);
  const sessionState: SessionState = { ...(fields.sessionState as SessionState | undefined) };
  let inputText: string | undefined;

  const toolMessages = trailingToolMessages(request.messages);
  if (toolMessages.length > 0) {
    const answered = toolResultsFrom(toolMessages);
    const param = `messages[${toolMessages[0][1]}].tool_call_id`;
    if (sessionState.returnControlInvocationResults !== undefined) {
      throw OpenAIError.badRequest(
        'Send tool results either as tool messages or as sessionState.returnControlInvocationResults, not both',
        'sessionState.returnControlInvocationResults',
      );
    }
    if (sessionId !== undefined && sessionId !== answered.sessionId) {
      throw OpenAIError.badRequest(`${param} answers a tool call of another agent session`, param);
    }
    sessionId = answered.sessionId;
    sessionState.invocationId = answered.invocationId;
    sessionState.returnControlInvocationResults = answered.results;
  } else {
    inputText = lastUserText(request);
  }

  const streamingConfigurations = { ...(fields.streamingConfigurations as Record<string, unknown>) };
  // Chunks as the agent writes them: without this the agent sends its answer in one piece at the end.
  if (request.stream === true && streamingConfigurations.streamFinalResponse === undefined)
    streamingConfigurations.streamFinalResponse = true;

  const resolvedSessionId = sessionId ?? newSessionId();
  const input: InvokeAgentCommandInput = {
    agentId: target.agentId,
    agentAliasId: target.agentAliasId,
    sessionId: target.sessionScope + resolvedSessionId,
    enableTrace: true,
    ...(inputText !== undefined ? { inputText } : {}),
    ...(Object.keys(sessionState).length > 0 ? { sessionState } : {}),
    ...(Object.keys(streamingConfigurations).length > 0 ? { streamingConfigurations } : {}),
  };
  if (fields.memoryId !== undefined) input.memoryId = target.sessionScope + String(fields.memoryId);
  for (const field of [
    'endSession',
    'bedrockModelConfigurations',
    'promptCreationConfigurations',
    'sourceArn',
  ] as const) {
    if (fields[field] !== undefined) (input as unknown as Record<string, unknown>)[field] = fields[field];
  }
  return { input, sessionId: resolvedSessionId, clientTrace };
}

function lastUserText(request: ChatCompletionRequest): string {
  const index = request.messages.length - 1;
  const last = request.messages[index];
  if (last?.role !== 'user') {
    throw OpenAIError.badRequest(
      'The last message to an agent must be a user message (or tool messages answering its tool calls); the agent keeps the earlier turns in its session',
      index >= 0 ? `messages[${index}].role` : 'messages',
    );
  }
  const text = textOf(last, index);
  if (text.trim().length === 0)
    throw OpenAIError.badRequest('The last user message must not be empty', `messages[${index}].content`);
  return text;
}

function textOf(message: UserMessage, index: number): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  message.content.forEach((part, partIndex) => {
    if (part.type !== 'text' && part.type !== 'guarded_text') {
      throw OpenAIError.badRequest(
        `Agents take text input; a ${part.type} part cannot be sent (attach files through sessionState.files)`,
        `messages[${index}].content[${partIndex}]`,
      );
    }
    text += (text === '' ? '' : '\n') + part.text;
  });
  return text;
}
