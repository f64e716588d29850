// What a passthrough body names that access depends on, read beside the bytes (which go upstream
// unchanged). Rerank and RetrieveAndGenerate carry their model there, RetrieveAndGenerate and
// InvokeAgent knowledge bases, Converse a guardrail. Every model ARN a body holds is collected, not
// only the one its `type` selects: a body with a decoy configuration beside the one Bedrock runs must
// not get the decoy checked instead.
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from './aws-error';

export interface BodyResources {
  /** The model that serves the call (and decides its credentials): the one the body's `type` selects. */
  modelArn?: string;
  /** Every model ARN the body names (the serving one included): the key must be allowed each. */
  modelArns?: string[];
  knowledgeBaseIds?: string[];
  /** Guardrails the call applies (Converse's guardrailConfig, InvokeModel's guardrail header). */
  guardrailIds?: string[];
}

const GUARDRAIL_HEADER = 'x-amzn-bedrock-guardrailidentifier';

/** Rerank, RetrieveAndGenerate and InvokeAgent bodies: JSON, refused when it is not. */
export function resourcesInBody(body: Buffer): BodyResources {
  if (body.byteLength === 0) return {};
  const parsed = parsedOrUndefined(body);
  if (parsed === undefined) throw AwsError.validation('The request body is not valid JSON');
  const rerank = parsed?.rerankingConfiguration?.bedrockRerankingConfiguration?.modelConfiguration;
  const rag = parsed?.retrieveAndGenerateConfiguration;
  const knowledgeBase = rag?.knowledgeBaseConfiguration;
  const external = rag?.externalSourcesConfiguration;
  const sessionKnowledgeBases: unknown[] = Array.isArray(parsed?.sessionState?.knowledgeBaseConfigurations)
    ? parsed.sessionState.knowledgeBaseConfigurations
    : [];
  const knowledgeBaseIds = [knowledgeBase, ...sessionKnowledgeBases]
    .map((entry) => stringOr((entry as { knowledgeBaseId?: unknown } | undefined)?.knowledgeBaseId))
    .filter((id): id is string => id !== undefined);
  const selected = rag?.type === 'EXTERNAL_SOURCES' ? external : knowledgeBase;
  return {
    modelArn: stringOr(rerank?.modelArn) ?? stringOr(selected?.modelArn),
    modelArns: modelArnsIn(parsed),
    knowledgeBaseIds,
    guardrailIds: guardrailIdsIn(parsed),
  };
}

/**
 * The guardrails a model operation applies: InvokeModel's header, and a Converse body's guardrailConfig
 * (the body is parsed only when it mentions one, so ordinary calls pay a byte search, not a parse).
 */
export function guardrailsOfModelCall(headers: IncomingHttpHeaders, body: Buffer | undefined): BodyResources {
  const ids: string[] = [];
  const header = headers[GUARDRAIL_HEADER];
  for (const value of Array.isArray(header) ? header : [header]) if (value?.trim()) ids.push(value.trim());
  if (body && body.includes('guardrail')) ids.push(...guardrailIdsIn(parsedOrUndefined(body)));
  return ids.length > 0 ? { guardrailIds: ids } : {};
}

/** Every `modelArn` anywhere in the body (rerank models nested in retrieval settings included). */
function modelArnsIn(parsed: unknown): string[] {
  return stringsNamed(parsed, new Set(['modelArn']));
}

/** `guardrailIdentifier` (Converse) and `guardrailId` (RetrieveAndGenerate) anywhere in the body. */
function guardrailIdsIn(parsed: unknown): string[] {
  return stringsNamed(parsed, new Set(['guardrailIdentifier', 'guardrailId']));
}

/** Bedrock's shapes are a few levels deep; deeper nesting is not followed (no unbounded recursion). */
const MAX_DEPTH = 32;

function stringsNamed(value: unknown, names: ReadonlySet<string>, depth = 0, found: string[] = []): string[] {
  if (depth > MAX_DEPTH || !value || typeof value !== 'object') return found;
  for (const [name, item] of Object.entries(value)) {
    if (names.has(name) && typeof item === 'string' && item !== '') found.push(item);
    else stringsNamed(item, names, depth + 1, found);
  }
  return found;
}

function parsedOrUndefined(body: Buffer): any {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
