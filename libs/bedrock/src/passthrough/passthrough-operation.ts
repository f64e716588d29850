// The native Bedrock operations the `/bedrock/{path}` passthrough forwards, and nothing else. The path is
// decoded and checked once, here, before anything is decided: one percent-decoding (an escape left after
// it is a double encoding, refused), no empty, `.` or `..` segments, no control characters or
// backslashes, keywords matched whatever their case. The upstream path is then rebuilt from the parsed
// parts, each label encoded as the AWS SDK encodes it, so what goes upstream is always one of the
// allow-listed templates and never a string the client wrote.
export type PassthroughService = 'bedrock-runtime' | 'bedrock-agent-runtime';

export const MODEL_ACTIONS = [
  'converse',
  'converse-stream',
  'invoke',
  'invoke-with-response-stream',
  'count-tokens',
] as const;
export type ModelAction = (typeof MODEL_ACTIONS)[number];

export type PassthroughTarget =
  | { kind: 'model'; modelId: string; action: ModelAction }
  | { kind: 'guardrail'; guardrailId: string; version: string }
  | { kind: 'agent'; agentId: string; agentAliasId: string; sessionId: string }
  | { kind: 'knowledge-base'; knowledgeBaseId: string }
  | { kind: 'retrieve-and-generate' }
  | { kind: 'rerank' };

export interface PassthroughOperation {
  service: PassthroughService;
  target: PassthroughTarget;
  /** The answer is an event stream (application/vnd.amazon.eventstream). */
  streaming: boolean;
}

/** Bedrock model ids and ARNs: letters, digits and `._:/-` (ARNs and application profiles carry `/`). */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/+@-]{0,2047}$/;
/** Agent, alias, session and knowledge base ids. */
const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const GUARDRAIL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/;
const GUARDRAIL_VERSION = /^[A-Za-z0-9]{1,16}$/;
// Characters no allowed path holds once decoded: controls, backslash, escapes left (double encoding),
// and URL syntax that would change what the path means.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN = /[\u0000-\u001f\u007f\\%?#;\s]/;

/** The operation a path (what follows `/bedrock`, query included or not) names; undefined: not forwarded. */
export function parsePassthroughPath(rawPath: string): PassthroughOperation | undefined {
  const segments = normalisedSegments(rawPath);
  if (!segments) return undefined;
  const keyword = (index: number) => segments[index]?.toLowerCase();
  switch (keyword(0)) {
    case 'model':
      return modelOperation(segments);
    case 'guardrail':
      return guardrailOperation(segments);
    case 'agents':
      return agentOperation(segments);
    case 'knowledgebases':
      return segments.length === 3 && keyword(2) === 'retrieve' && RESOURCE_ID.test(segments[1])
        ? agentRuntime({ kind: 'knowledge-base', knowledgeBaseId: segments[1] })
        : undefined;
    case 'retrieveandgenerate':
      return segments.length === 1 ? agentRuntime({ kind: 'retrieve-and-generate' }) : undefined;
    case 'rerank':
      return segments.length === 1 ? agentRuntime({ kind: 'rerank' }) : undefined;
    default:
      return undefined;
  }
}

/** The path to send upstream for an operation, with `modelId` replacing the client's (a deployment's id). */
export function upstreamPathOf(target: PassthroughTarget, modelId?: string): string {
  return pathOf(target, modelId, encodeLabel);
}

/** The operation's path as allow-lists read it: canonical keywords, labels decoded. */
export function canonicalPathOf(target: PassthroughTarget): string {
  return pathOf(target, undefined, (label) => label);
}

function pathOf(
  target: PassthroughTarget,
  modelId: string | undefined,
  encodeLabel: (label: string) => string,
): string {
  switch (target.kind) {
    case 'model':
      return `/model/${encodeLabel(modelId ?? target.modelId)}/${target.action}`;
    case 'guardrail':
      return `/guardrail/${encodeLabel(target.guardrailId)}/version/${encodeLabel(target.version)}/apply`;
    case 'agent':
      return `/agents/${encodeLabel(target.agentId)}/agentAliases/${encodeLabel(target.agentAliasId)}/sessions/${encodeLabel(target.sessionId)}/text`;
    case 'knowledge-base':
      return `/knowledgebases/${encodeLabel(target.knowledgeBaseId)}/retrieve`;
    case 'retrieve-and-generate':
      return '/retrieveAndGenerate';
    case 'rerank':
      return '/rerank';
    default:
      return unreachable(target);
  }
}

function normalisedSegments(rawPath: string): string[] | undefined {
  const path = rawPath.split('?', 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (FORBIDDEN.test(decoded) || !decoded.startsWith('/')) return undefined;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  return segments;
}

function modelOperation(segments: string[]): PassthroughOperation | undefined {
  if (segments.length < 3) return undefined;
  const action = MODEL_ACTIONS.find((name) => name === segments[segments.length - 1].toLowerCase());
  const modelId = segments.slice(1, -1).join('/');
  if (!action || !MODEL_ID.test(modelId)) return undefined;
  return {
    service: 'bedrock-runtime',
    target: { kind: 'model', modelId, action },
    streaming: action === 'converse-stream' || action === 'invoke-with-response-stream',
  };
}

function guardrailOperation(segments: string[]): PassthroughOperation | undefined {
  const count = segments.length;
  if (count < 5 || segments[count - 3].toLowerCase() !== 'version') return undefined;
  if (segments[count - 1].toLowerCase() !== 'apply') return undefined;
  const guardrailId = segments.slice(1, -3).join('/');
  const version = segments[count - 2];
  if (!GUARDRAIL_ID.test(guardrailId) || !GUARDRAIL_VERSION.test(version)) return undefined;
  return {
    service: 'bedrock-runtime',
    target: { kind: 'guardrail', guardrailId, version },
    streaming: false,
  };
}

function agentOperation(segments: string[]): PassthroughOperation | undefined {
  const [, agentId, aliases, agentAliasId, sessions, sessionId, text] = segments;
  if (
    segments.length !== 7 ||
    aliases.toLowerCase() !== 'agentaliases' ||
    sessions.toLowerCase() !== 'sessions' ||
    text.toLowerCase() !== 'text' ||
    ![agentId, agentAliasId, sessionId].every((id) => RESOURCE_ID.test(id))
  )
    return undefined;
  return {
    service: 'bedrock-agent-runtime',
    target: { kind: 'agent', agentId, agentAliasId, sessionId },
    streaming: true,
  };
}

function agentRuntime(target: PassthroughTarget): PassthroughOperation {
  return { service: 'bedrock-agent-runtime', target, streaming: false };
}

/** The AWS SDK's label encoding: encodeURIComponent plus `!'()*` (bedrock-wire.md §1.4). */
export function encodeLabel(label: string): string {
  return encodeURIComponent(label).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function unreachable(value: never): never {
  throw new Error(`unhandled passthrough target ${JSON.stringify(value)}`);
}
