// LiteLLM `model_info` capability fields → overrides for capabilitiesFor(). Only fields that are
// set become overrides; a field of the wrong type is a configuration mistake and is reported.
import type { ModelCapabilities, ModelMode } from './model-capabilities';

const FLAGS: Array<[string, keyof ModelCapabilities]> = [
  ['supports_function_calling', 'supportsTools'],
  ['supports_tool_choice', 'supportsToolChoice'],
  ['supports_vision', 'supportsVision'],
  ['supports_pdf_input', 'supportsPdfInput'],
  ['supports_reasoning', 'supportsReasoning'],
  // Quarry's own field: LiteLLM's supports_response_schema does not mean native structured output.
  ['supports_native_structured_output', 'supportsResponseSchema'],
  ['supports_prompt_caching', 'supportsPromptCaching'],
];
const MODES: ReadonlySet<string> = new Set<ModelMode>([
  'chat',
  'embedding',
  'image_generation',
  'rerank',
  'completion',
]);

export function capabilitiesFromModelInfo(
  modelInfo: Record<string, unknown> | undefined,
): Partial<ModelCapabilities> {
  const overrides: Partial<Record<keyof ModelCapabilities, unknown>> = {};
  if (!modelInfo) return {};
  for (const [field, capability] of FLAGS) {
    const value = modelInfo[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean')
      throw new Error(`model_info.${field} must be true or false, got ${JSON.stringify(value)}`);
    overrides[capability] = value;
  }
  const mode = modelInfo.mode;
  // `batch` says how the model is served (files and batches), not what it is: the model id says that.
  if (mode !== undefined && mode !== null && mode !== 'batch') {
    if (typeof mode !== 'string' || !MODES.has(mode)) {
      throw new Error(`model_info.mode must be one of ${[...MODES].join(', ')}, got ${JSON.stringify(mode)}`);
    }
    overrides.mode = mode;
    overrides.supportsConverse = mode === 'chat';
  }
  const maxTokens = modelInfo.max_output_tokens ?? modelInfo.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) {
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens <= 0) {
      throw new Error(
        `model_info.max_output_tokens must be a positive integer, got ${JSON.stringify(maxTokens)}`,
      );
    }
    overrides.maxOutputTokens = maxTokens;
  }
  return overrides as Partial<ModelCapabilities>;
}
