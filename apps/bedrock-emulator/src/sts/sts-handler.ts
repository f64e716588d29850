// AWS STS on the emulator's port: AssumeRole (SigV4, service `sts`, by any key the emulator knows, its own
// temporary ones included) and AssumeRoleWithWebIdentity (unsigned; the token must be one the emulator
// accepts). Query protocol: a form-encoded POST to `/` with Action and Version, XML answers, AWS's
// <ErrorResponse> on failure. The credentials issued expire after DurationSeconds (default 3600; the
// shortest allowed is options.stsMinDurationSeconds, 900 as in AWS unless a test lowers it).
import { randomUUID } from 'node:crypto';
import { authenticate, type SignedRequest } from '../http/request-authenticator';
import { EmulatorError } from '../http/emulator-error';
import type { EmulatorOptions } from '../http/types';
import { StsSessions, type IssuedSession, type StsAction } from './sts-sessions';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MAX_DURATION_SECONDS = 43_200;
const DEFAULT_DURATION_SECONDS = 3600;

export interface StsAnswer {
  status: number;
  xml: string;
}

/** Whether a request is for STS: a form POST to the root path (Bedrock has no operation there). */
export function isStsRequest(method: string, rawPath: string, contentType: string | undefined): boolean {
  return (
    method === 'POST' && rawPath === '/' && /^application\/x-www-form-urlencoded/i.test(contentType ?? '')
  );
}

export async function answerSts(
  request: SignedRequest,
  options: EmulatorOptions,
  state: Map<string, unknown>,
  now = new Date(),
): Promise<StsAnswer> {
  const requestId = randomUUID();
  const form = new URLSearchParams(request.body.toString('utf8'));
  const action = form.get('Action');
  const sessions = StsSessions.of(state);
  try {
    if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity')
      throw new EmulatorError(
        400,
        'InvalidAction',
        `Could not find operation ${action ?? ''} for version ${form.get('Version') ?? ''}`,
      );
    const call = callOf(action, form, options);
    const record = {
      action: action as StsAction,
      roleArn: call.roleArn,
      roleSessionName: call.sessionName,
      durationSeconds: call.durationSeconds,
    };
    if (action === 'AssumeRole') {
      await authenticateCaller(request, options, sessions, now);
      const callerAccessKeyId = /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1];
      const externalId = form.get('ExternalId') ?? undefined;
      const required = options.stsRoleExternalIds?.[call.roleArn];
      if (required !== undefined && required !== externalId) {
        sessions.record({ ...record, externalId, callerAccessKeyId, issued: false });
        throw new EmulatorError(
          403,
          'AccessDenied',
          `User: ${callerAccessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${call.roleArn}`,
        );
      }
      sessions.record({ ...record, externalId, callerAccessKeyId, issued: true });
    } else {
      const token = form.get('WebIdentityToken') ?? '';
      if (!options.stsWebIdentityTokens.includes(token)) {
        sessions.record({ ...record, issued: false });
        throw new EmulatorError(
          400,
          'InvalidIdentityToken',
          'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.',
        );
      }
      sessions.record({ ...record, issued: true });
    }
    const session = sessions.issue(call.durationSeconds, now);
    sessions.calls[sessions.calls.length - 1].issuedAccessKeyId = session.accessKeyId;
    return { status: 200, xml: resultXml(action, call, session, requestId) };
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    return { status: error.status, xml: errorXml(error, requestId) };
  }
}

interface RoleCall {
  roleArn: string;
  account: string;
  roleName: string;
  sessionName: string;
  durationSeconds: number;
}

function callOf(action: StsAction, form: URLSearchParams, options: EmulatorOptions): RoleCall {
  const roleArn = form.get('RoleArn') ?? '';
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn)
    throw validation(
      `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`,
    );
  const sessionName = form.get('RoleSessionName') ?? '';
  if (!SESSION_NAME.test(sessionName))
    throw validation(
      `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  const duration = form.has('DurationSeconds')
    ? Number(form.get('DurationSeconds'))
    : DEFAULT_DURATION_SECONDS;
  const min = options.stsMinDurationSeconds;
  if (!Number.isInteger(duration) || duration < min || duration > MAX_DURATION_SECONDS)
    throw validation(
      `Value '${form.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between ${min} and ${MAX_DURATION_SECONDS}`,
    );
  if (action === 'AssumeRoleWithWebIdentity' && !form.get('WebIdentityToken'))
    throw new EmulatorError(
      400,
      'MissingParameter',
      'The request must contain the parameter WebIdentityToken',
    );
  return { roleArn, account: arn[1], roleName: arn[2], sessionName, durationSeconds: duration };
}

function validation(detail: string): EmulatorError {
  return new EmulatorError(400, 'ValidationError', `1 validation error detected: ${detail}`);
}

/** AssumeRole is signed for `sts`; STS names the failures differently from Bedrock's restJson1 errors. */
async function authenticateCaller(
  request: SignedRequest,
  options: EmulatorOptions,
  sessions: StsSessions,
  now: Date,
): Promise<void> {
  if (!options.verifySignatures) return;
  try {
    await authenticate(request, { ...options, sessions }, now, 'sts');
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    throw new EmulatorError(error.status, STS_ERROR_NAMES[error.errorType] ?? error.errorType, error.message);
  }
}

const STS_ERROR_NAMES: Record<string, string> = {
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  ExpiredTokenException: 'ExpiredToken',
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
};

function resultXml(action: StsAction, call: RoleCall, session: IssuedSession, requestId: string): string {
  const webIdentity =
    action === 'AssumeRoleWithWebIdentity'
      ? `<SubjectFromWebIdentityToken>system:serviceaccount:quarry:gateway</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience><Provider>emulator.quarry.local</Provider>`
      : '';
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}"><${action}Result>${webIdentity}` +
    `<AssumedRoleUser><Arn>arn:aws:sts::${call.account}:assumed-role/${escapeXml(call.roleName)}/${escapeXml(call.sessionName)}</Arn>` +
    `<AssumedRoleId>AROAQUARRYEMULATOR:${escapeXml(call.sessionName)}</AssumedRoleId></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(session.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${escapeXml(session.sessionToken)}</SessionToken><Expiration>${session.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration></Credentials>` +
    `</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

function errorXml(error: EmulatorError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>${type}</Type><Code>${error.errorType}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
