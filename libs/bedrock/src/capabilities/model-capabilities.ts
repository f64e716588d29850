// What a Bedrock model can do, looked up by its base model id (region prefix and ARN stripped).
// Built from the price/capability data (see ../pricing) by capabilities-for.ts; unknown models get
// permissive defaults there (Bedrock rejects what a model cannot do, with a clear message).
import type { ModelFamily } from '../model-family';

export type ModelMode = 'chat' | 'embedding' | 'image_generation' | 'rerank' | 'completion';

export interface ModelCapabilities {
  family: ModelFamily;
  mode: ModelMode;
  /** Served by Converse (text/chat models); otherwise InvokeModel only. */
  supportsConverse: boolean;
  supportsTools: boolean;
  supportsToolChoice: boolean;
  supportsVision: boolean;
  supportsPdfInput: boolean;
  supportsReasoning: boolean;
  /** Native structured output via Converse `outputConfig.textFormat` (json_schema). */
  supportsResponseSchema: boolean;
  supportsPromptCaching: boolean;
  /** Claude 4.6 and later: `thinking: {type: 'adaptive'}` with an effort instead of a token budget. */
  supportsAdaptiveThinking?: boolean;
  /**
   * Claude 4.5 and later: Anthropic's `tool_choice.disable_parallel_tool_use` and `output_config` in
   * additionalModelRequestFields. Bedrock refuses both on earlier Claude models.
   */
  supportsClaude45Controls?: boolean;
  maxOutputTokens?: number;
}
