// Per-emulator memory of agent sessions: which returnControl invocation each session waits on, and the
// latest inputs, which the agent's next answer in the session recalls (so clients can see a session
// continue).
import type { EmulatorContext } from '../http/types';

const STATE_KEY = 'agent-runtime.sessions';
/** Bounded so a long benchmark cannot grow the map without limit; the oldest sessions go first. */
const MAX_SESSIONS = 10_000;
/** Inputs an answer recalls. */
export const REMEMBERED_INPUTS = 3;

export interface AgentSession {
  pendingInvocationId?: string;
  /** The session's latest inputs, oldest first. */
  inputs: string[];
}

export class AgentSessions {
  private readonly sessions = new Map<string, AgentSession>();

  static of(context: EmulatorContext): AgentSessions {
    let sessions = context.state.get(STATE_KEY) as AgentSessions | undefined;
    if (!sessions) {
      sessions = new AgentSessions();
      context.state.set(STATE_KEY, sessions);
    }
    return sessions;
  }

  get(key: string): AgentSession | undefined {
    return this.sessions.get(key);
  }

  set(key: string, session: AgentSession): void {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
  }

  end(key: string): void {
    this.sessions.delete(key);
  }
}
