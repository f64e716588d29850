// The metering record of one call in flight: who asked, for what, on which deployment, what it used and
// when its first token came. The pipeline creates it, the surface fills in what only it knows (end
// user, usage), and spend booking reads it once, whatever the outcome.
import { costOf, type TokenUsage } from '@quarry/bedrock';
import { aliasTarget } from '../../tenancy/access/model-alias';
import type { Principal } from '../../tenancy/auth/principal';
import { storableText, type SpendRecord } from '@quarry/db';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';

export type CallType = SpendRecord['callType'];

/** Identifiers a client chose (model, end user) are kept this long in spend rows: bounded storage. */
const MAX_STORED_IDENTIFIER = 256;

export class MeteredCall {
  readonly startTime = new Date();
  private readonly startedAt = performance.now();
  firstTokenAt: number | undefined;
  /** The OpenAI `user` (end user), once the request has been parsed. */
  endUser: string | undefined;
  deployment: ResolvedDeployment | undefined;
  /** Set once an attempt on `deployment` succeeded: the deployment serving the call (for the router). */
  served = false;
  /** The fallback model that served the call, when the requested one did not. */
  fallbackModel: string | undefined;
  usage: TokenUsage | undefined;
  /** The cost the surface worked out itself (per image, per query); undefined: usage × price. */
  reportedCost: number | undefined;

  constructor(
    readonly requestId: string,
    readonly principal: Principal,
    readonly callType: CallType,
    /** What the client sent as `model`, even when the body failed validation. */
    readonly requestedModel: string,
  ) {}

  /**
   * The model per-model budgets count: the public model the requested name stands for, or, once a
   * model fallback served the call, that model (its spend is its own budget's, not the requested one's).
   */
  get budgetModel(): string {
    return aliasTarget(this.principal, this.fallbackModel ?? this.requestedModel);
  }

  markFirstToken(): void {
    this.firstTokenAt ??= performance.now();
  }

  /** Every token the call used (what usage-based routing counts). */
  get totalTokens(): number {
    const usage = this.usage;
    return usage
      ? usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens
      : 0;
  }

  get cost(): number {
    if (this.reportedCost !== undefined) return this.reportedCost;
    const price = this.deployment?.price;
    return price && this.usage ? costOf(this.usage, price) : 0;
  }

  toSpendRecord(status: SpendRecord['status'], httpStatus: number, errorType?: string): SpendRecord {
    const usage = this.usage;
    return {
      requestId: this.requestId,
      callType: this.callType,
      keyId: this.principal.key?.id,
      teamId: this.principal.teamId,
      userId: this.principal.userId,
      endUser: this.endUser?.slice(0, MAX_STORED_IDENTIFIER),
      modelName: this.requestedModel,
      budgetModel: this.budgetModel,
      deploymentId: this.deployment?.deployment.id,
      bedrockModel: this.deployment?.route.modelId,
      promptTokens: usage ? usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens : 0,
      completionTokens: usage?.outputTokens ?? 0,
      cacheReadTokens: usage?.cacheReadTokens ?? 0,
      cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
      cost: this.cost,
      latencyMs: performance.now() - this.startedAt,
      ttftMs: this.firstTokenAt === undefined ? undefined : this.firstTokenAt - this.startedAt,
      status,
      httpStatus,
      errorType,
      serviceTier: usage?.serviceTier,
      startTime: this.startTime,
    };
  }
}

/**
 * What the client sent as `model`, for the metering record of a body that may not have parsed: cut to
 * a length and made storable (a NUL, even in a model that does not exist, would refuse the spend row).
 */
export function requestedModelOf(body: unknown): string {
  const model = (body as { model?: unknown } | null)?.model;
  return typeof model === 'string' && model.length > 0
    ? storableText(model.slice(0, MAX_STORED_IDENTIFIER))
    : 'unknown';
}
