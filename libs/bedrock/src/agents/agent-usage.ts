// Metering an agent call from its trace. An agent calls its foundation model once or more per turn
// (pre-processing, each orchestration step, post-processing, routing): each step's
// modelInvocationOutput.metadata.usage is one model call, and the step's modelInvocationInput names
// the model it ran on. Every step counts (LiteLLM summed the pre-processing step only, which is
// usually disabled), each priced with its own model; a step whose model the trace does not name is
// priced like the deployment (`model_info.base_model`).
import type { InvokeAgentCommandInput, TracePart } from '@aws-sdk/client-bedrock-agent-runtime';
import { costOf } from '../pricing/cost-of';
import type { ModelPrice } from '../pricing/model-price';
import { emptyTokenUsage, tokenUsageFromBedrock, type TokenUsage } from '../pricing/token-usage';

/** The price of a foundation model named in a trace (undefined: the model is unnamed or unpriced). */
export type AgentModelPrice = (foundationModel: string | undefined) => ModelPrice | undefined;

interface Step {
  modelInvocationInput?: { traceId?: string; foundationModel?: string };
  modelInvocationOutput?: {
    traceId?: string;
    metadata?: { usage?: { inputTokens?: number; outputTokens?: number } };
  };
}

export class AgentUsageMeter {
  private readonly total: TokenUsage = emptyTokenUsage();
  /** Usage per foundation model ('' for steps whose model the trace did not name). */
  private readonly byModel = new Map<string, TokenUsage>();
  private readonly modelOfTrace = new Map<string, string>();
  private lastModel: string | undefined;
  private reported = false;

  /** Reads one trace event; events without model usage change nothing. */
  record(part: TracePart | undefined): void {
    const trace = part?.trace as Record<string, unknown> | undefined;
    if (!trace) return;
    for (const step of Object.values(trace)) {
      if (typeof step !== 'object' || step === null) continue;
      this.recordStep(step as Step);
    }
  }

  /** Whether any trace reported usage (a stream cut short before it did is estimated instead). */
  get usageReported(): boolean {
    return this.reported;
  }

  get usage(): TokenUsage {
    return this.total;
  }

  /** The foundation model the agent ran on (the last one the trace named). */
  get foundationModel(): string | undefined {
    return this.lastModel;
  }

  /** Σ over models of their usage × their price; undefined when no step could be priced. */
  cost(priceOf: AgentModelPrice): number | undefined {
    let cost: number | undefined;
    for (const [model, usage] of this.byModel) {
      const price = priceOf(model === '' ? undefined : model);
      if (price) cost = (cost ?? 0) + costOf(usage, price);
    }
    return cost;
  }

  private recordStep(step: Step): void {
    const input = step.modelInvocationInput;
    if (input?.foundationModel) {
      this.lastModel = input.foundationModel;
      if (input.traceId) this.modelOfTrace.set(input.traceId, input.foundationModel);
    }
    const output = step.modelInvocationOutput;
    const reportedUsage = output?.metadata?.usage;
    if (!reportedUsage) return;
    const usage = tokenUsageFromBedrock(reportedUsage);
    const model = (output.traceId && this.modelOfTrace.get(output.traceId)) ?? this.lastModel ?? '';
    this.reported = true;
    add(this.total, usage);
    let modelUsage = this.byModel.get(model);
    if (!modelUsage) {
      modelUsage = emptyTokenUsage();
      this.byModel.set(model, modelUsage);
    }
    add(modelUsage, usage);
  }
}

function add(into: TokenUsage, usage: TokenUsage): void {
  into.inputTokens += usage.inputTokens;
  into.outputTokens += usage.outputTokens;
  into.cacheReadTokens += usage.cacheReadTokens;
  into.cacheWriteTokens += usage.cacheWriteTokens;
}

const CHARACTERS_PER_TOKEN = 4;

/**
 * A stream cut short before any trace reported usage still used the model: book an estimate (about
 * four characters a token, as for chat) of the turn's input and what was streamed, rather than nothing.
 */
export function estimateAgentUsage(input: InvokeAgentCommandInput, streamedCharacters: number): TokenUsage {
  const results = input.sessionState?.returnControlInvocationResults;
  const promptCharacters = (input.inputText?.length ?? 0) + (results ? JSON.stringify(results).length : 0);
  return {
    inputTokens: Math.ceil(promptCharacters / CHARACTERS_PER_TOKEN),
    outputTokens: Math.ceil(streamedCharacters / CHARACTERS_PER_TOKEN),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
