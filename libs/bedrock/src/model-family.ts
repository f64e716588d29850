// The model family — which native body format and which family-specific options apply — read
// from the provider part of a base model id (`anthropic.claude-…` → anthropic). Both the price table
// (cache-price fallbacks) and the capabilities depend on it, so it sits beside the model-id anatomy.
export type ModelFamily =
  | 'anthropic'
  | 'meta'
  | 'mistral'
  | 'amazon-titan'
  | 'amazon-nova'
  | 'cohere'
  | 'ai21'
  | 'deepseek'
  | 'openai'
  | 'qwen'
  | 'writer'
  | 'other';

const BY_PROVIDER: Record<string, ModelFamily> = {
  anthropic: 'anthropic',
  meta: 'meta',
  mistral: 'mistral',
  cohere: 'cohere',
  ai21: 'ai21',
  deepseek: 'deepseek',
  openai: 'openai',
  qwen: 'qwen',
  writer: 'writer',
};

export function familyOf(baseModelId: string): ModelFamily {
  const dot = baseModelId.indexOf('.');
  if (dot <= 0) return 'other';
  const provider = baseModelId.slice(0, dot);
  if (provider === 'amazon') {
    const model = baseModelId.slice(dot + 1);
    if (model.startsWith('nova')) return 'amazon-nova';
    if (model.startsWith('titan')) return 'amazon-titan';
    return 'other';
  }
  return BY_PROVIDER[provider] ?? 'other';
}
