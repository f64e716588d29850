// A Messages API request (POST /v1/messages) as the Anthropic body Bedrock's InvokeModel takes: the
// client's body as sent, without `model` (the deployment names it) and `stream` (the operation says it),
// with `anthropic_version: "bedrock-2023-05-31"` and the `anthropic-beta` header as `anthropic_beta`.
// Two things are trimmed because Bedrock refuses the whole request over them and Anthropic's own clients
// send them as a matter of course (Claude Code: `claude-code-…`, `oauth-…`, `mcp-servers-…` betas): beta
// flags Bedrock does not know, `metadata` members other than `user_id`, and Claude Code's attribution
// block in `system`. Nothing else is reshaped:
// what Bedrock refuses comes back as its own 400.
import { ANTHROPIC_VERSION } from '../chat/invoke/families/anthropic-messages';

export type AnthropicBody = Record<string, unknown>;

/** Client-only members: the gateway reads them (num_retries: LiteLLM's request extra), Bedrock must not get them. */
const CLIENT_ONLY = new Set(['model', 'stream', 'metadata', 'anthropic_beta', 'num_retries']);

/** The beta flags Bedrock's InvokeModel takes for Claude (AWS's documented list); others are dropped. */
export const BEDROCK_ANTHROPIC_BETAS: ReadonlySet<string> = new Set([
  'computer-use-2024-10-22',
  'computer-use-2025-01-24',
  'token-efficient-tools-2025-02-19',
  'interleaved-thinking-2025-05-14',
  'output-128k-2025-02-19',
  'dev-full-thinking-2025-05-14',
  'context-1m-2025-08-07',
  'context-management-2025-06-27',
  'effort-2025-11-24',
  'tool-search-tool-2025-10-19',
  'tool-examples-2025-10-29',
]);

export function toBedrockAnthropicBody(
  request: AnthropicBody,
  anthropicBeta: readonly string[],
): AnthropicBody {
  const body: AnthropicBody = { anthropic_version: ANTHROPIC_VERSION };
  for (const [key, value] of Object.entries(request)) if (!CLIENT_ONLY.has(key)) body[key] = value;
  if (Array.isArray(request.system)) body.system = request.system.filter((block) => !isAttribution(block));
  const requested = [
    ...anthropicBeta,
    ...(Array.isArray(request.anthropic_beta) ? request.anthropic_beta : []),
  ];
  const beta = [...new Set(requested.filter((flag) => BEDROCK_ANTHROPIC_BETAS.has(flag)))];
  if (beta.length > 0) body.anthropic_beta = beta;
  const userId = (request.metadata as { user_id?: unknown } | null | undefined)?.user_id;
  if (typeof userId === 'string') body.metadata = { user_id: userId };
  return body;
}

/**
 * Claude Code's attribution block (`x-anthropic-billing-header: cc_version=…`), first in its system
 * prompt: meant for Anthropic's API, and a reserved keyword Bedrock refuses the request over.
 */
function isAttribution(block: unknown): boolean {
  const text = (block as { text?: unknown } | null)?.text;
  return typeof text === 'string' && text.startsWith('x-anthropic-billing-header:');
}

/** The comma-separated `anthropic-beta` header (repeatable) as a list. */
export function anthropicBetaOf(header: string | string[] | undefined): string[] {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
