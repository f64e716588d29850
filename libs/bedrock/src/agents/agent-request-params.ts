// Sorts a chat request's top-level keys for an agent: InvokeAgent fields (checked, then forwarded),
// keys the gateway consumes, OpenAI generation settings an agent has no use for (its own configuration
// sets the model, prompt and tools: a 400 unless drop_params, or a default value), and anything else —
// a 400 naming it, since InvokeAgent would refuse it. Upstream endpoints and credentials are refused
// outright, as for every chat request.
import { CHECKED_CHAT_REQUEST_KEYS, OpenAIError, type ChatCompletionRequest } from '@quarry/openai';
import { checkInvokeAgentField, INVOKE_AGENT_FIELDS, type InvokeAgentField } from './invoke-agent-fields';

/** Keys the gateway reads itself (or that concern OpenAI's platform): never sent to the agent. */
const CONSUMED = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'user',
  'metadata',
  'session_id',
  'sessionID',
  'store',
  'safety_identifier',
  'prompt_cache_key',
  'drop_params',
  'modify_params',
  'num_retries',
  'max_retries',
  'timeout',
  'stream_timeout',
  'tags',
  'fallbacks',
  'litellm_metadata',
  'no-log',
]);

/** OpenAI settings whose value asks for nothing (OpenAI's defaults): accepted silently. */
const HARMLESS: Record<string, (value: unknown) => boolean> = {
  n: (value) => value === 1,
  logprobs: (value) => value === false,
  parallel_tool_calls: () => true,
  service_tier: (value) => value === 'auto',
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
    if (value === undefined || value === null || CONSUMED.has(key)) continue;
    if (INVOKE_AGENT_FIELDS.has(key)) {
      checkInvokeAgentField(key as InvokeAgentField, value);
      fields[key as InvokeAgentField] = value;
      continue;
    }
    if (HARMLESS[key]?.(value)) continue;
    if (CHECKED_CHAT_REQUEST_KEYS.has(key) || key in HARMLESS) {
      if (dropParams) continue;
      throw OpenAIError.badRequest(
        `${key} is not supported by Bedrock Agents (the agent's own configuration sets its model, prompt and tools); set drop_params to drop it`,
        key,
        'unsupported_agent_param',
      );
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
      const message = error instanceof Error ? error.message : String(error);
      throw new OpenAIError(
        500,
        `Deployment configuration error: ${message}`,
        'server_error',
        null,
        'deployment_config',
      );
    }
    fields[key as InvokeAgentField] = params[key];
  }
  return fields;
}
