/** The response header naming the agent session a reply belongs to (also `session_id` in the body). */
export const AGENT_SESSION_HEADER = 'x-quarry-agent-session-id';
