// Which agent session a chat request continues. Bedrock keeps an agent's conversation per session, so
// a client continues one by sending its id back: `session_id`, LiteLLM's `sessionID`, or
// `metadata.session_id`. Without one a fresh id is made (and returned to the client), so a new
// conversation starts. A session id returned with tool calls travels inside their ids too
// (agent-tool-call-id.ts), so answering them continues the right session even without one.
import { randomUUID } from 'node:crypto';
import { OpenAIError, type ChatCompletionRequest } from '@quarry/openai';
import { MAX_CLIENT_AGENT_ID_LENGTH } from './agent-session-scope';

/** Bedrock's sessionId characters, short enough to take the tenant prefix (agent-session-scope.ts). */
const SESSION_ID = new RegExp(`^[0-9a-zA-Z._:-]{2,${MAX_CLIENT_AGENT_ID_LENGTH}}$`);

export interface AgentSession {
  sessionId: string;
  /** False when the gateway made the id: the client learns it from the response. */
  fromRequest: boolean;
}

/** The session id the request names, checked, or undefined when it names none. */
export function requestedSessionId(request: ChatCompletionRequest): string | undefined {
  const metadata = request.metadata;
  const candidates: Array<[string, unknown]> = [
    ['session_id', request.session_id],
    ['sessionID', request.sessionID],
    ['metadata.session_id', metadata ? metadata.session_id : undefined],
  ];
  let chosen: string | undefined;
  for (const [param, value] of candidates) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !SESSION_ID.test(value)) {
      throw OpenAIError.badRequest(
        `${param} must be 2 to ${MAX_CLIENT_AGENT_ID_LENGTH} letters, digits or the characters . _ : -`,
        param,
      );
    }
    if (chosen !== undefined && chosen !== value) {
      throw OpenAIError.badRequest(
        `${param} names a different session than the request's other session id`,
        param,
      );
    }
    chosen = value;
  }
  return chosen;
}

export function newSessionId(): string {
  return randomUUID();
}
