// Secrets must never reach logs or error bodies: virtual keys, master keys, AWS keys, Authorization values.

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bsk-[A-Za-z0-9_-]{6,}/g, '[redacted]'], // virtual and master keys
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted]'], // AWS access key ids
  [/\b(Bearer|AWS4-HMAC-SHA256)\s+[^\s,"]+/gi, '$1 [redacted]'], // Authorization header values
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[redacted]@'], // credentials in URLs (postgres://user:pass@host)
];

/** Gateway API keys (`sk-…`), AWS access key ids, Authorization values and URL passwords → `[redacted]`. */
export function redactKeysAndCredentials(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Header names whose values are never logged. */
export const SECRET_HEADERS = [
  'authorization',
  'x-api-key',
  'x-litellm-api-key',
  'litellm_user_api_key',
  'api-key',
  'x-amz-security-token',
  'cookie',
];
