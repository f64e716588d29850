// Where a client may put its key. Bearer and x-api-key cover the OpenAI and Anthropic SDKs; the LiteLLM
// headers cover AWS SDK clients, whose Authorization header carries a SigV4 signature instead of a key.
import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const ALTERNATIVE_HEADERS = ['x-api-key', 'x-litellm-api-key', 'litellm_user_api_key'] as const;

export function extractPresentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const bearer = BEARER.exec(authorization);
    if (bearer) return stripBearer(bearer[1]);
  }
  for (const name of ALTERNATIVE_HEADERS) {
    const value = headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') return stripBearer(text.trim());
  }
  return undefined;
}

/** Some clients send `x-litellm-api-key: Bearer sk-…`; accept both spellings. */
function stripBearer(value: string): string {
  const bearer = BEARER.exec(value);
  return bearer ? bearer[1] : value;
}
