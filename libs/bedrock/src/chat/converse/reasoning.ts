// `reasoning_effort` and `thinking` → each family's reasoning switch:
// - Anthropic: additionalModelRequestFields.thinking {type:'enabled', budget_tokens} with Anthropic's
//   rules (budget ≥ 1024, max_tokens > budget, temperature 1, top_p ≥ 0.95, no top_k, no forced tool);
//   on Claude 4.6+ (adaptive thinking) reasoning_effort → thinking {type:'adaptive'} plus
//   output_config.effort (low/medium/high) instead of a budget;
// - Amazon Nova 2: additionalModelRequestFields.reasoningConfig {type:'enabled', maxReasoningEffort};
// - OpenAI gpt-oss: additionalModelRequestFields.reasoning_effort;
// - models whose reasoning cannot be tuned (DeepSeek R1, …) or that do not reason: 400 unless drop_params.
// When both are sent, the explicit `thinking` wins over `reasoning_effort`, except `reasoning_effort:
// "none"`, which turns thinking off.
import { OpenAIError } from '@quarry/openai';
import type { ChatCompletionRequest, ReasoningEffort, ThinkingConfig } from '@quarry/openai';
import type { ConverseDraft } from './converse-draft';
import { lacksThinkingBeforeToolUse, thinkingHistoryError } from './thinking-history';

type Effort = Exclude<ReasoningEffort, 'none'>;

export const MIN_THINKING_BUDGET = 1024;
/** Room for the answer itself when max_tokens is not given (Anthropic needs max_tokens > budget). */
export const DEFAULT_ANSWER_TOKENS = 4096;

export const ANTHROPIC_BUDGET_BY_EFFORT: Record<Effort, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
};

const COARSE_EFFORT: Record<Effort, 'low' | 'medium' | 'high'> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
};

export interface ReasoningOptions {
  dropParams: boolean;
  modifyParams: boolean;
}

export function applyReasoning(
  draft: ConverseDraft,
  request: ChatCompletionRequest,
  options: ReasoningOptions,
): void {
  // `reasoning_effort: "none"` is an explicit off switch: it also overrides a deployment's `thinking`.
  if (request.reasoning_effort === 'none') return;
  const thinking = request.thinking && request.thinking.type !== 'disabled' ? request.thinking : undefined;
  const effort = request.reasoning_effort ?? undefined;
  if (!thinking && !effort) return;
  const param = thinking ? 'thinking' : 'reasoning_effort';

  if (!draft.capabilities.supportsReasoning) {
    if (options.dropParams) return;
    throw OpenAIError.badRequest(
      `${param} is not supported by this model on Bedrock (it does not reason); set drop_params to drop it`,
      param,
    );
  }
  switch (draft.capabilities.family) {
    case 'anthropic':
      if (lacksThinkingBeforeToolUse(draft.messages)) {
        if (options.modifyParams) return;
        throw thinkingHistoryError(param);
      }
      applyAnthropicThinking(draft, thinking, effort as Effort | undefined, options);
      return;
    case 'amazon-nova':
      draft.additionalFields.reasoningConfig = {
        type: 'enabled',
        maxReasoningEffort: thinking ? effortForBudget(thinking) : COARSE_EFFORT[effort as Effort],
      };
      return;
    case 'openai':
      draft.additionalFields.reasoning_effort = thinking
        ? effortForBudget(thinking)
        : COARSE_EFFORT[effort as Effort];
      return;
    default:
      if (options.dropParams) return;
      throw OpenAIError.badRequest(
        `${param} cannot be tuned for ${draft.capabilities.family} models on Bedrock; set drop_params to drop it`,
        param,
      );
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function effortForBudget(thinking: ThinkingConfig): 'low' | 'medium' | 'high' {
  if (thinking.type !== 'enabled') return 'medium';
  if (thinking.budget_tokens <= 1024) return 'low';
  return thinking.budget_tokens <= 4096 ? 'medium' : 'high';
}

function applyAnthropicThinking(
  draft: ConverseDraft,
  thinking: ThinkingConfig | undefined,
  effort: Effort | undefined,
  options: ReasoningOptions,
): void {
  checkSamplingAllowed(draft, options.dropParams);
  checkToolChoiceAllowed(draft, options.modifyParams);
  if (thinking?.type === 'adaptive') {
    draft.additionalFields.thinking = { type: 'adaptive' };
    return;
  }
  // Claude 4.6+: the model sizes its own thinking; reasoning_effort becomes Anthropic's effort, not a budget.
  if (!thinking && draft.capabilities.supportsAdaptiveThinking) {
    draft.additionalFields.thinking = { type: 'adaptive' };
    draft.additionalFields.output_config = {
      ...asRecord(draft.additionalFields.output_config),
      effort: COARSE_EFFORT[effort as Effort],
    };
    return;
  }
  let budget: number;
  if (thinking?.type === 'enabled') {
    budget = thinking.budget_tokens;
    // modify_params lets the gateway raise it to Bedrock's minimum, as LiteLLM always does.
    if (budget < MIN_THINKING_BUDGET && options.modifyParams) budget = MIN_THINKING_BUDGET;
    if (budget < MIN_THINKING_BUDGET) {
      throw OpenAIError.badRequest(
        `thinking.budget_tokens must be at least ${MIN_THINKING_BUDGET} for Anthropic models, got ${budget} (modify_params raises it)`,
        'thinking.budget_tokens',
      );
    }
  } else {
    budget = ANTHROPIC_BUDGET_BY_EFFORT[effort as Effort];
  }
  fitMaxTokens(draft, budget, thinking !== undefined, options.modifyParams);
  draft.additionalFields.thinking = { type: 'enabled', budget_tokens: budget };
}

/**
 * Anthropic: max_tokens must exceed the thinking budget. For a reasoning_effort (our own budget) the
 * limit is raised so the client's max_tokens stays available for the answer; an explicit budget the
 * client chose is a 400 unless modify_params allows the same raise.
 */
function fitMaxTokens(
  draft: ConverseDraft,
  budget: number,
  explicitBudget: boolean,
  modifyParams: boolean,
): void {
  const requested = draft.inferenceConfig.maxTokens;
  if (requested !== undefined && requested > budget) return;
  if (requested !== undefined && explicitBudget && !modifyParams) {
    throw OpenAIError.badRequest(
      `max_tokens (${requested}) must be greater than thinking.budget_tokens (${budget}) (or enable modify_params)`,
      'max_tokens',
    );
  }
  let raised = budget + (requested ?? DEFAULT_ANSWER_TOKENS);
  const ceiling = draft.capabilities.maxOutputTokens;
  if (ceiling !== undefined && raised > ceiling) raised = ceiling;
  if (raised <= budget) {
    throw OpenAIError.badRequest(
      `the thinking budget (${budget} tokens) leaves no room for an answer within this model's ${ceiling} output tokens`,
      explicitBudget ? 'thinking.budget_tokens' : 'reasoning_effort',
    );
  }
  draft.inferenceConfig.maxTokens = raised;
}

/** Anthropic with thinking: temperature must be 1, top_p at least 0.95, top_k unset. */
function checkSamplingAllowed(draft: ConverseDraft, dropParams: boolean): void {
  const config = draft.inferenceConfig;
  if (config.temperature !== undefined && config.temperature !== 1) {
    if (!dropParams) throw samplingError('temperature', 'temperature must be 1 (or unset)');
    delete config.temperature;
  }
  if (config.topP !== undefined && config.topP < 0.95) {
    if (!dropParams) throw samplingError('top_p', 'top_p must be between 0.95 and 1 (or unset)');
    delete config.topP;
  }
  if (draft.additionalFields.top_k !== undefined) {
    if (!dropParams) throw samplingError('top_k', 'top_k must be unset');
    delete draft.additionalFields.top_k;
  }
}

function samplingError(param: string, rule: string): OpenAIError {
  return OpenAIError.badRequest(
    `With thinking enabled, Anthropic models require that ${rule}; set drop_params to drop ${param}`,
    param,
  );
}

/** Anthropic refuses forced tool use (`any` / a named tool) together with thinking (vercel/ai#11227). */
function checkToolChoiceAllowed(draft: ConverseDraft, modifyParams: boolean): void {
  const choice = draft.toolChoice;
  if (!choice || choice.auto) return;
  if (modifyParams) {
    draft.toolChoice = { auto: {} };
    return;
  }
  const param = draft.jsonMode.kind === 'tool' ? 'response_format' : 'tool_choice';
  throw OpenAIError.badRequest(
    param === 'response_format'
      ? 'response_format needs a forced tool call on this model, which Anthropic does not allow together with ' +
          'thinking; drop one of them (or enable modify_params to let the model choose)'
      : 'Forcing a tool (tool_choice required or a named tool) is not allowed together with thinking on ' +
          "Anthropic models; use tool_choice 'auto' (or enable modify_params)",
    param,
  );
}
