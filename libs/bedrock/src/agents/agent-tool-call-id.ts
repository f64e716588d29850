// The id of a tool call made from an agent's returnControl. The agent waits for the results of one
// invocation (its invocationId) in one session, and each result must name the action it answers
// (action group + function, or action group + HTTP method + API path). All of that travels in the tool
// call id, so the gateway stays stateless: the client's next request (its `tool` messages with their
// `tool_call_id`s) carries everything needed to build `sessionState.returnControlInvocationResults`,
// whichever gateway instance it reaches. A client forging an id gains nothing: it could send the same
// sessionState itself.
import { OpenAIError } from '@quarry/openai';

const PREFIX = 'call_agent_';

export type AgentAction =
  | { kind: 'function'; actionGroup: string; function: string }
  | { kind: 'api'; actionGroup: string; httpMethod: string; apiPath: string };

export interface AgentToolCall {
  sessionId: string;
  invocationId: string;
  action: AgentAction;
}

interface Encoded {
  s: string;
  i: string;
  g: string;
  f?: string;
  m?: string;
  p?: string;
}

export function encodeAgentToolCallId(call: AgentToolCall, index: number): string {
  const { action } = call;
  const encoded: Encoded =
    action.kind === 'function'
      ? { s: call.sessionId, i: call.invocationId, g: action.actionGroup, f: action.function }
      : {
          s: call.sessionId,
          i: call.invocationId,
          g: action.actionGroup,
          m: action.httpMethod,
          p: action.apiPath,
        };
  // The index keeps two calls of the same action in one invocation apart.
  return `${PREFIX}${index}_${Buffer.from(JSON.stringify(encoded), 'utf8').toString('base64url')}`;
}

/** @throws OpenAIError (400 naming `param`) when the id was not made by the gateway for an agent. */
export function decodeAgentToolCallId(id: string, param: string): AgentToolCall {
  const match = /^call_agent_\d+_([A-Za-z0-9_-]+)$/.exec(id);
  const decoded = match ? parse(match[1]) : undefined;
  if (!decoded) {
    throw OpenAIError.badRequest(
      `${param} "${id.slice(0, 80)}" is not a tool call this agent made; answer the tool calls of the agent's last reply`,
      param,
    );
  }
  return decoded;
}

function parse(text: string): AgentToolCall | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { s, i, g, f, m, p } = value as Partial<Record<keyof Encoded, unknown>>;
  if (typeof s !== 'string' || typeof i !== 'string' || typeof g !== 'string') return undefined;
  if (typeof f === 'string')
    return { sessionId: s, invocationId: i, action: { kind: 'function', actionGroup: g, function: f } };
  if (typeof m === 'string' && typeof p === 'string') {
    return {
      sessionId: s,
      invocationId: i,
      action: { kind: 'api', actionGroup: g, httpMethod: m, apiPath: p },
    };
  }
  return undefined;
}
