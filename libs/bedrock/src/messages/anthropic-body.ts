// A Messages API request (POST /v1/messages) as the Anthropic body Bedrock's InvokeModel takes: the
// client's body as sent, without `model` (the deployment names it) and `stream` (the operation says it),
// with `anthropic_version: "bedrock-2023-05-31"` and the `anthropic-beta` header as `anthropic_beta`.
// Nothing else is reshaped: what Bedrock refuses comes back as its own 400.
import { ANTHROPIC_VERSION } from '../chat/invoke/families/anthropic-messages';

export type AnthropicBody = Record<string, unknown>;

/** Client-only members: the gateway reads them, Bedrock must not get them. */
const CLIENT_ONLY = new Set(['model', 'stream']);

export function toBedrockAnthropicBody(
  request: AnthropicBody,
  anthropicBeta: readonly string[],
): AnthropicBody {
  const body: AnthropicBody = { anthropic_version: ANTHROPIC_VERSION };
  for (const [key, value] of Object.entries(request)) if (!CLIENT_ONLY.has(key)) body[key] = value;
  const beta = [
    ...new Set([...anthropicBeta, ...(Array.isArray(request.anthropic_beta) ? request.anthropic_beta : [])]),
  ];
  if (beta.length > 0) body.anthropic_beta = beta;
  return body;
}

/** The comma-separated `anthropic-beta` header (repeatable) as a list. */
export function anthropicBetaOf(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
