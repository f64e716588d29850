// Agent sessions (and memories) are a tenant's things: two teams calling the same agent with the same
// session id must not share a conversation, and a team must not read another's memory by naming its
// memoryId. So every session and memory id the gateway sends upstream is prefixed with a short digest of
// the caller's tenant; clients only ever see and send their own, unprefixed ids.
import { createHash } from 'node:crypto';

/** `q` + 10 hex digits + `-`: what the prefix takes of Bedrock's 100 characters. */
const SCOPE_LENGTH = 12;
/** Bedrock allows 100 characters for session and memory ids; the prefix takes the rest. */
export const MAX_CLIENT_AGENT_ID_LENGTH = 100 - SCOPE_LENGTH;

/** The prefix for a tenant (a team, else a user, else a key; see the gateway's caller of this). */
export function agentSessionScope(tenant: string): string {
  return `q${createHash('sha256')
    .update(tenant)
    .digest('hex')
    .slice(0, SCOPE_LENGTH - 2)}-`;
}
