// The deployment settings whose values have a shape of their own: LiteLLM's switches (booleans),
// `user_continue_message` (a message) and `extra_headers` (headers sent to Bedrock). A wrong value is a
// start-up error (or a 400 from /model/new), never a surprise on the first request.
import { isObject } from './is-object';

/** Headers that describe one HTTP hop or its framing: set by the HTTP client, never by configuration. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
]);
/** Headers SigV4 and Bedrock API keys sign or authenticate with. */
const SIGNATURE_HEADER = /^(authorization|x-amz-.*)$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII, spaces, tabs and obs-text: no CR, LF or NUL that would end the header early. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Problems with the structured settings of one deployment's litellm_params. `field(path)` names a
 * field (with its place in the file when there is one); `deployment` is how messages name the model.
 */
export function structuredSettingProblems(
  params: Record<string, unknown>,
  field: (path: string[]) => string,
  deployment: string,
): string[] {
  const problems: string[] = [];
  for (const name of ['drop_params', 'modify_params']) {
    const value = params[name];
    if (value !== undefined && typeof value !== 'boolean')
      problems.push(`${field([name])} of ${deployment} must be true or false`);
  }
  const continueProblem = continueMessageProblem(params.user_continue_message);
  if (continueProblem)
    problems.push(`${field(['user_continue_message'])} of ${deployment} ${continueProblem}`);
  if (params.extra_headers !== undefined) problems.push(...extraHeaderProblems(params, field, deployment));
  return problems;
}

function continueMessageProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const shape = 'must be a message like {role: user, content: "Please continue"}';
  if (!isObject(value)) return shape;
  const unknown = Object.keys(value).find((key) => key !== 'role' && key !== 'content');
  if (unknown !== undefined) return `${shape} (${unknown} is not a message field)`;
  if (value.role !== 'user' && value.role !== 'assistant') return `${shape}: role must be user or assistant`;
  if (typeof value.content !== 'string' || value.content.trim() === '')
    return `${shape}: content must be a non-empty string`;
  return undefined;
}

/**
 * `extra_headers`: header name → string. Hop-by-hop and framing headers and `host` are refused on every
 * deployment (the endpoint names the host; the HTTP client frames the request). `authorization` and
 * `x-amz-*` are refused on a deployment that signs with its own credentials or API key, where they would
 * never be sent (the signature wins); a deployment without credentials of its own may set them.
 */
function extraHeaderProblems(
  params: Record<string, unknown>,
  field: (path: string[]) => string,
  deployment: string,
): string[] {
  const headers = params.extra_headers;
  if (!isObject(headers))
    return [`${field(['extra_headers'])} of ${deployment} must be a mapping of header names to strings`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const at = `${field(['extra_headers', name])} of ${deployment}`;
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) problems.push(`${at} is not a valid header name`);
    else if (seen.has(lower)) problems.push(`${at} repeats a header already given in another case`);
    else if (HOP_BY_HOP.has(lower) || lower === 'host')
      problems.push(`${at} cannot be set: the gateway's HTTP client sets ${lower} itself`);
    else if (SIGNATURE_HEADER.test(lower) && signsItself(params))
      problems.push(
        `${at} would never be sent: this deployment signs its requests (aws_access_key_id or aws_bedrock_api_key), and signature headers are not replaced`,
      );
    else if (typeof value !== 'string') problems.push(`${at} must be a string`);
    else if (!HEADER_VALUE.test(value)) problems.push(`${at} contains a line break or control character`);
    seen.add(lower);
  }
  return problems;
}

/**
 * As the Bedrock client decides it: SigV4 credentials of its own (keys, a profile, a role), or a Bedrock API
 * key (empty ones are none).
 */
function signsItself(params: Record<string, unknown>): boolean {
  return Boolean(
    (params.aws_access_key_id && params.aws_secret_access_key) ||
    params.aws_profile_name ||
    params.aws_role_name ||
    params.aws_bedrock_api_key ||
    params.api_key,
  );
}
