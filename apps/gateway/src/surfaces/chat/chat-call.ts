// One chat completion in flight: who asked, for what, on which deployment, and what it has cost so far.
// The service fills it in as the call proceeds; spend booking reads it whatever the outcome.
import type { ChatCompletionRequest } from '@quarry/openai';
import { costOf, type TokenUsage } from '@quarry/bedrock';
import type { Principal } from '../../tenancy/auth/principal';
import type { SpendRecord } from '@quarry/db';
import type { PreparedDeployment } from '../../invocation/deployments/prepared-deployment';

export class ChatCall {
  readonly startTime = new Date();
  private readonly startedAt = performance.now();
  firstTokenAt: number | undefined;
  request: ChatCompletionRequest | undefined;
  deployment: PreparedDeployment | undefined;
  usage: TokenUsage | undefined;

  constructor(
    readonly requestId: string,
    readonly principal: Principal,
    /** What the client sent as `model`, even when the body failed validation. */
    readonly requestedModel: string,
  ) {}

  markFirstToken(): void {
    this.firstTokenAt ??= performance.now();
  }

  get cost(): number {
    const price = this.deployment?.price;
    return price && this.usage ? costOf(this.usage, price) : 0;
  }

  toSpendRecord(status: SpendRecord['status'], httpStatus: number, errorType?: string): SpendRecord {
    const usage = this.usage;
    return {
      requestId: this.requestId,
      callType: 'chat',
      keyId: this.principal.key?.id,
      teamId: this.principal.teamId,
      userId: this.principal.userId,
      endUser: this.request?.user ?? undefined,
      modelName: this.requestedModel,
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
      startTime: this.startTime,
    };
  }
}
