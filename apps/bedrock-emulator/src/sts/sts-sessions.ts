// The temporary credentials this emulator's STS has issued (AssumeRole, AssumeRoleWithWebIdentity), so
// that the SigV4 check accepts them until they expire, then answers ExpiredTokenException as AWS does.
// Also counts the STS calls and records what each asked for (never a secret), and which access key signed
// each Bedrock call: how tests prove that a gateway calls STS once per refresh, sends the role, session
// name and external id it should, and signs with the credentials it was configured with.
import { randomBytes } from 'node:crypto';

export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

/** What one STS call asked for: the caller's access key id (AssumeRole), never a secret or a token. */
export interface StsCallRecord {
  action: StsAction;
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  durationSeconds: number;
  /** The access key id that signed an AssumeRole (the source credentials). */
  callerAccessKeyId?: string;
  /** Whether STS issued credentials (false: refused). */
  issued: boolean;
  /** The temporary access key id issued (an id, not a secret), to match with signedCalls(). */
  issuedAccessKeyId?: string;
}

const STATE_KEY = 'sts.sessions';

export class StsSessions {
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly signed = new Map<string, number>();
  readonly calls: StsCallRecord[] = [];

  static of(state: Map<string, unknown>): StsSessions {
    let sessions = state.get(STATE_KEY) as StsSessions | undefined;
    if (!sessions) {
      sessions = new StsSessions();
      state.set(STATE_KEY, sessions);
    }
    return sessions;
  }

  issue(durationSeconds: number, now = new Date()): IssuedSession {
    const session: IssuedSession = {
      // ASIA…: the prefix AWS gives temporary access key ids.
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `emulator-session-${randomBytes(48).toString('base64url')}`,
      expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + durationSeconds * 1000),
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** Every session issued so far (tests check that none of their secrets leaked anywhere). */
  issued(): IssuedSession[] {
    return [...this.sessions.values()];
  }

  find(accessKeyId: string): IssuedSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** A Bedrock call authenticated with SigV4 by `accessKeyId` (any key: long-term or issued here). */
  noteSigned(accessKeyId: string): void {
    this.signed.set(accessKeyId, (this.signed.get(accessKeyId) ?? 0) + 1);
  }

  /** How many Bedrock calls `accessKeyId` signed: which identity a gateway really used. */
  signedCalls(accessKeyId: string): number {
    return this.signed.get(accessKeyId) ?? 0;
  }

  record(call: StsCallRecord): void {
    this.calls.push(call);
  }

  /** How many calls of `action` STS answered with credentials. */
  issuedCount(action: StsAction): number {
    return this.calls.filter((call) => call.action === action && call.issued).length;
  }
}
