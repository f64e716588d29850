// Where a native Bedrock client puts its virtual key. The LiteLLM headers come first: they sit beside the
// client's own SigV4 Authorization (an AWS SDK signing with dummy credentials), which is then ignored.
// Then `Authorization: Bearer sk-…` (an AWS SDK with AWS_BEARER_TOKEN_BEDROCK=<virtual key>, curl as in
// LiteLLM's docs), then x-api-key.
import type { IncomingHttpHeaders } from 'node:http';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const GATEWAY_KEY_HEADERS = ['x-litellm-api-key', 'litellm_user_api_key'] as const;

export function passthroughKeyOf(headers: IncomingHttpHeaders): string | undefined {
  for (const name of GATEWAY_KEY_HEADERS) {
    const value = firstValue(headers[name]);
    if (value) return BEARER.exec(value)?.[1] ?? value;
  }
  const authorization = firstValue(headers.authorization);
  const bearer = authorization ? BEARER.exec(authorization) : null;
  if (bearer) return bearer[1];
  return firstValue(headers['x-api-key']);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}
