// The anatomy of a Bedrock model id: an optional cross-region inference-profile prefix
// (`us.anthropic.claude-…`) and the base model id (`anthropic.claude-…`).

/** Geographic prefixes of system-defined cross-region inference profiles. */
export const CROSS_REGION_PREFIXES = ['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca'] as const;
export type CrossRegionPrefix = (typeof CROSS_REGION_PREFIXES)[number];

const PREFIX_SET: ReadonlySet<string> = new Set(CROSS_REGION_PREFIXES);

/** `us.anthropic.claude-x` → { prefix: 'us', baseModelId: 'anthropic.claude-x' }. */
export function splitCrossRegionPrefix(modelId: string): { prefix?: CrossRegionPrefix; baseModelId: string } {
  const dot = modelId.indexOf('.');
  // A prefix is only a prefix if a `provider.model` id follows it.
  if (dot > 0 && PREFIX_SET.has(modelId.slice(0, dot)) && modelId.indexOf('.', dot + 1) !== -1) {
    return { prefix: modelId.slice(0, dot) as CrossRegionPrefix, baseModelId: modelId.slice(dot + 1) };
  }
  return { baseModelId: modelId };
}

/**
 * LiteLLM's documented `stability.stability.sd3-large-v1:0` names the provider twice; Bedrock knows it
 * once. A repeated provider is dropped, as LiteLLM does, so the documented id works as written.
 */
export function withoutRepeatedProvider(modelId: string): string {
  const repeated = /^([a-z0-9-]+)\.\1\./.exec(modelId);
  return repeated ? modelId.slice(repeated[1].length + 1) : modelId;
}
