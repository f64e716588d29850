// Sorts a chat request's top-level keys for an agent: InvokeAgent fields (checked, then forwarded),
// keys the gateway consumes, OpenAI generation settings an agent has no use for (its own configuration
// sets the model, prompt and tools: a 400 unless drop_params, or a default value), and anything else —
// a 400 naming it, since InvokeAgent would refuse it. Upstream endpoints and credentials are refused
// outright, as for every chat request.
import { CHECKED_CHAT_REQUEST_KEYS, OpenAIError, type ChatCompletionRequest } from '@quarry/openai';
import { isConsumedRequestKey } from '../chat/converse/unsupported-params';
import { deploymentConfigError } from '../deployment-config-error';
import { checkInvokeAgentField, INVOKE_AGENT_FIELDS, type InvokeAgentField } from './invoke-agent-fields';

/** The agent session a request continues (agent-session-id.ts): read by the gateway, never forwarded. */
const SESSION_KEYS = new Set(['session_id', 'sessionID']);

/** OpenAI settings whose value asks for nothing (OpenAI's defaults): accepted silently; others refused. */
const HARMLESS: Partial<Record<string, (value: unknown) => boolean>> = {
  n: (value) => value === 1,
  logprobs: (value) => value === false,
  // An agent's model calls have no service tier to choose.
  service_tier: (value) => value === 'auto' || value === 'default',
};

const REFUSED = new Set(['api_base', 'base_url', 'api_key', 'api_version']);

export type AgentFields = Partial<Record<InvokeAgentField, unknown>>;

/** The InvokeAgent fields a request sets, after checking every other key it carries. */
export function agentFieldsOfRequest(request: ChatCompletionRequest, dropParams: boolean): AgentFields {
  const fields: AgentFields = {};
  for (const key of Object.keys(request)) {
    const value = request[key];
    if (REFUSED.has(key) || key.startsWith('aws_')) {
      throw OpenAIError.badRequest(
        `${key} cannot be set in a request: upstream endpoints and credentials are gateway configuration`,
        key,
      );
    }
    if (value === undefined || value === null) continue;
    const isHarmless = HARMLESS[key];
    if (isHarmless && !isHarmless(value) && !dropParams) throw unsupported(key);
    if (isHarmless !== undefined || isConsumedRequestKey(key) || SESSION_KEYS.has(key)) continue;
    if (INVOKE_AGENT_FIELDS.has(key)) {
      checkInvokeAgentField(key as InvokeAgentField, value);
      fields[key as InvokeAgentField] = value;
      continue;
    }
    if (CHECKED_CHAT_REQUEST_KEYS.has(key)) {
      if (dropParams) continue;
      throw unsupported(key);
    }
    throw OpenAIError.badRequest(
      key === 'invocationId'
        ? 'invocationId is not an InvokeAgent field; send it as sessionState.invocationId (or answer the tool calls with tool messages)'
        : `${key} is not an InvokeAgent field; the agent accepts ${[...INVOKE_AGENT_FIELDS].join(', ')}`,
      key,
      'unknown_agent_param',
    );
  }
  return fields;
}

function unsupported(key: string): OpenAIError {
  return OpenAIError.badRequest(
    `${key} is not supported by Bedrock Agents (the agent's own configuration sets its model, prompt and tools); set drop_params to drop it`,
    key,
    'unsupported_agent_param',
  );
}

/**
 * InvokeAgent fields set on the deployment (litellm_params): defaults for every request. Other keys
 * there are OpenAI or model settings an agent has no use for, and are left alone.
 */
export function agentFieldsOfDeployment(params: Record<string, unknown>): AgentFields {
  const fields: AgentFields = {};
  for (const key of Object.keys(params)) {
    if (!INVOKE_AGENT_FIELDS.has(key) || params[key] === undefined || params[key] === null) continue;
    try {
      checkInvokeAgentField(key as InvokeAgentField, params[key]);
    } catch (error) {
      throw deploymentConfigError(error instanceof Error ? error.message : String(error));
    }
    fields[key as InvokeAgentField] = params[key];
  }
  return fields;
}
