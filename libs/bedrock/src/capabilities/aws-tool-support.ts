// Tool use as AWS documents it, which the price data (LiteLLM's map) gets wrong for some families:
// - AWS's "Supported models and model features" table (Converse) lists tool use for Claude 3 and
//   later, every Nova model, Cohere Command R/R+, Mistral Large/Small, Llama 3.1+ and Jamba 1.5;
//   it lists none for Claude 2.x and earlier, Claude Instant, Titan and the Command text models —
//   the map nevertheless flags several of these `tool_choice`.
// - Forcing a tool (`toolChoice` any / tool): the Converse API reference names Anthropic Claude 3+
//   and Mistral Large, and the Nova user guide documents `tool`, `any` and `auto` for every Nova
//   model; the map has no `tool_choice` flag for Nova at all (issue 14).
// The price-data flags stay the source for every other model.
import type { ModelFamily } from '../model-family';

export interface ToolSupport {
  supportsTools: boolean;
  supportsToolChoice: boolean;
}

/** Ids AWS documents without tool use although the price data may say otherwise. */
const NO_TOOL_USE = [
  /^anthropic\.claude-(v1|v2|instant)/,
  /^cohere\.command-(text|light-text)/,
  /^mistral\.(mistral-7b|mixtral-8x7b)/,
];
const DOCUMENTED_TOOL_USE = [/^cohere\.command-r/];
const FORCED_TOOL_FAMILIES: ReadonlySet<ModelFamily> = new Set(['anthropic', 'amazon-nova']);

export function toolSupportFor(id: string, family: ModelFamily, fromPriceData: ToolSupport): ToolSupport {
  if (NO_TOOL_USE.some((pattern) => pattern.test(id)))
    return { supportsTools: false, supportsToolChoice: false };
  const supportsTools =
    fromPriceData.supportsTools || DOCUMENTED_TOOL_USE.some((pattern) => pattern.test(id));
  return {
    supportsTools,
    supportsToolChoice:
      supportsTools && (fromPriceData.supportsToolChoice || FORCED_TOOL_FAMILIES.has(family)),
  };
}
