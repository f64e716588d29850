// Removes credentials from text that may reach a client or a log: AWS access key ids, SigV4
// signatures, secret-looking assignments, and the user:password part of URLs. Upstream messages are
// kept otherwise (they are what lets a client fix its request).

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b/g;
const SIGNATURE = /\bSignature=[0-9a-f]{64}\b/gi;
const SECRET_ASSIGNMENT =
  /\b(aws_secret_access_key|secretAccessKey|aws_session_token|sessionToken|X-Amz-Security-Token)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi;
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** AWS access key ids, SigV4 signatures, secret keys and session tokens, URL credentials, bearer tokens. */
export function redactAwsCredentials(text: string): string {
  return text
    .replace(ACCESS_KEY_ID, '[REDACTED]')
    .replace(SIGNATURE, 'Signature=[REDACTED]')
    .replace(SECRET_ASSIGNMENT, '$1$2[REDACTED]')
    .replace(URL_USER_INFO, '$1[REDACTED]@')
    .replace(BEARER, 'Bearer [REDACTED]');
}
