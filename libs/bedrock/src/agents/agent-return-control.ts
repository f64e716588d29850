// An agent's returnControl event → OpenAI tool calls the client runs and answers in its next request.
// One tool call per invocation input: a function of a function-defined action group is called by its
// function name; an operation of an API-schema action group by `<METHOD> <apiPath>`. The arguments are
// the action's parameters as a JSON object (API request-body properties included), with numbers and
// booleans typed as the agent declared them.
import type { InvocationInputMember, ReturnControlPayload } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ChatCompletionMessageToolCall } from '@quarry/openai';
import { encodeAgentToolCallId, type AgentAction } from './agent-tool-call-id';

interface AgentParameter {
  name?: string;
  type?: string;
  value?: string;
}

export function toolCallsFromReturnControl(
  payload: ReturnControlPayload,
  sessionId: string,
): ChatCompletionMessageToolCall[] {
  const invocationId = payload.invocationId ?? '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const input of payload.invocationInputs ?? []) {
    const described = describeInput(input);
    if (!described) continue;
    toolCalls.push({
      id: encodeAgentToolCallId({ sessionId, invocationId, action: described.action }, toolCalls.length),
      type: 'function',
      function: { name: described.name, arguments: JSON.stringify(described.arguments) },
    });
  }
  return toolCalls;
}

function describeInput(
  input: InvocationInputMember,
): { action: AgentAction; name: string; arguments: Record<string, unknown> } | undefined {
  const fn = input.functionInvocationInput;
  if (fn) {
    const name = fn.function ?? '';
    return {
      action: { kind: 'function', actionGroup: fn.actionGroup ?? '', function: name },
      name,
      arguments: argumentsOf(fn.parameters),
    };
  }
  const api = input.apiInvocationInput;
  if (api) {
    const httpMethod = (api.httpMethod ?? 'GET').toUpperCase();
    const apiPath = api.apiPath ?? '/';
    const bodyProperties = Object.values(api.requestBody?.content ?? {}).flatMap(
      (content) => content.properties ?? [],
    );
    return {
      action: { kind: 'api', actionGroup: api.actionGroup ?? '', httpMethod, apiPath },
      name: `${httpMethod} ${apiPath}`,
      arguments: { ...argumentsOf(api.parameters), ...argumentsOf(bodyProperties) },
    };
  }
  return undefined; // invocation inputs newer than this translator
}

function argumentsOf(parameters: readonly AgentParameter[] | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const parameter of parameters ?? []) {
    if (parameter.name === undefined) continue;
    result[parameter.name] = typedValue(parameter);
  }
  return result;
}

/** Agents send every value as a string; the declared type says what it is. */
function typedValue(parameter: AgentParameter): unknown {
  const value = parameter.value ?? '';
  switch (parameter.type) {
    case 'number':
    case 'integer': {
      const number = Number(value);
      return value.trim() !== '' && Number.isFinite(number) ? number : value;
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array':
      return parsedArray(value);
    default:
      return value;
  }
}

function parsedArray(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : value;
  } catch {
    return value;
  }
}
