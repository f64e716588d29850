// What a Bedrock model can do, from the price/capability table (generated from LiteLLM's public
// map), with explicit overrides (model_info) applied last.
//
// Decisions:
// - supportsConverse: every chat-mode model (AWS's Converse covers all text models) except
//   TwelveLabs Pegasus, whose video understanding is InvokeModel-only.
// - supportsResponseSchema means NATIVE structured output (Converse `outputConfig.textFormat`).
//   LiteLLM's `supports_response_schema` only says LiteLLM can produce JSON (it uses a forced tool
//   for most models), so it is not used. Native support follows AWS's list: Claude Sonnet 4.5+,
//   Haiku 4.5+, Opus 4.5+ (Opus 4.1 and Nova are not on it; they get the forced-tool fallback).
//   AWS also lists "select" open-weight models without naming versions: enable them per deployment
//   with an override.
// - supportsPdfInput (document chat): the price data corrected by AWS's documentation
//   (aws-document-support.ts).
// - supportsTools / supportsToolChoice: the price data corrected by AWS's documentation
//   (aws-tool-support.ts: Nova forces tools, Claude 2 and the Command text models have no tool use).
// - Models missing from the table (newer releases, application-inference-profile ARNs, imported
//   models) get permissive defaults: Bedrock itself rejects what a model cannot do, with a clear
//   message, whereas a wrong "unsupported" here would block features that work. Reasoning, caching
//   and native schemas are assumed only for families known to offer them.
import type { ModelCapabilities, ModelMode } from './model-capabilities';
import { familyOf } from '../model-family';
import { documentSupportFor } from './aws-document-support';
import { toolSupportFor } from './aws-tool-support';
import { priceTableEntryForBaseModel } from '../pricing/price-table';
import { splitCrossRegionPrefix } from '../model-id';

const INVOKE_ONLY_CHAT_MODELS = ['twelvelabs.pegasus'];
const NATIVE_SCHEMA_MINIMUM: Record<string, number> = { sonnet: 4.5, haiku: 4.5, opus: 4.5 };
/** Adaptive thinking (and its effort) came with Claude Opus 4.6 and Sonnet 4.6. */
const ADAPTIVE_THINKING_MINIMUM = 4.6;
const CLAUDE_45 = 4.5;

export function capabilitiesFor(
  baseModelId: string,
  overrides: Partial<ModelCapabilities> = {},
): ModelCapabilities {
  const id = splitCrossRegionPrefix(baseModelId).baseModelId;
  const family = familyOf(id);
  const entry = priceTableEntryForBaseModel(id);
  const mode = entry ? modeOf(entry.mode) : guessMode(id);
  const chat = mode === 'chat';
  const supports = (flag: string) => entry?.supports?.includes(flag) ?? false;
  const knownForCaching = family === 'anthropic' || family === 'amazon-nova';

  const capabilities: ModelCapabilities = {
    family,
    mode,
    supportsConverse: chat && !INVOKE_ONLY_CHAT_MODELS.some((prefix) => id.startsWith(prefix)),
    ...(entry
      ? toolSupportFor(id, family, {
          supportsTools: supports('function_calling'),
          supportsToolChoice: supports('tool_choice'),
        })
      : { supportsTools: chat, supportsToolChoice: chat }),
    supportsVision: entry ? supports('vision') : chat,
    supportsPdfInput: entry ? documentSupportFor(id, supports('pdf_input')) : chat,
    supportsReasoning: entry ? supports('reasoning') : chat && (knownForCaching || family === 'openai'),
    supportsResponseSchema: chat && hasNativeStructuredOutput(id),
    supportsAdaptiveThinking: chat && (claudeVersion(id) ?? 0) >= ADAPTIVE_THINKING_MINIMUM,
    supportsClaude45Controls: chat && (claudeVersion(id) ?? 0) >= CLAUDE_45,
    supportsPromptCaching: entry ? supports('prompt_caching') : chat && knownForCaching,
  };
  if (entry?.maxOutput !== undefined) capabilities.maxOutputTokens = entry.maxOutput;
  return { ...capabilities, ...definedOnly(overrides) };
}

function modeOf(tableMode: string): ModelMode {
  switch (tableMode) {
    case 'chat':
    case 'embedding':
    case 'rerank':
    case 'completion':
    case 'image_generation':
      return tableMode;
    case 'image_edit':
      return 'image_generation';
    default:
      return 'chat';
  }
}

/** For ids the table does not list: the kind of model its name says it is. */
function guessMode(id: string): ModelMode {
  if (/embed/.test(id)) return 'embedding';
  if (/rerank/.test(id)) return 'rerank';
  if (/^stability\.|image-generator|nova-canvas|nova-reel/.test(id)) return 'image_generation';
  return 'chat';
}

/** Claude 4.5 generation and later (`claude-sonnet-4-5-…`, `claude-opus-4-6-v1`, `claude-sonnet-5-…`). */
function hasNativeStructuredOutput(id: string): boolean {
  const match = CLAUDE_VERSION.exec(id);
  return match !== null && claudeVersion(id)! >= NATIVE_SCHEMA_MINIMUM[match[1]];
}

const CLAUDE_VERSION = /^anthropic\.claude-(opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?:-|$)/;

/** 4.5 for `claude-sonnet-4-5-…`, 4.6 for `claude-opus-4-6-v1`; undefined for other ids. */
function claudeVersion(id: string): number | undefined {
  const match = CLAUDE_VERSION.exec(id);
  if (!match) return undefined;
  return Number(match[2]) + (match[3] !== undefined ? Number(match[3]) / 10 : 0);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
