// POST /v1/messages/count_tokens: the tokens a Messages body would be billed for, from Bedrock's
// CountTokens on a deployment of the model (Claude only: Bedrock counts for no other family). The same
// key and model access checks as a call; no limits and no spend row, since nothing is generated or billed.
import { Injectable } from '@nestjs/common';
import { countAnthropicTokens, toBedrockAnthropicBody, type AnthropicBody } from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import { CallDeadline } from '../../invocation/attempts/call-deadline';
import { DeploymentResolver } from '../../invocation/deployments/deployment-resolver';
import { toInvocationError } from '../../invocation/errors/invocation-error';
import { ModelAccessService } from '../../tenancy/access/model-access.service';
import type { Principal } from '../../tenancy/auth/principal';
import { parseMessagesRequest } from './messages-request';
import { messagesRouteOf } from './messages-route';

@Injectable()
export class CountTokensService {
  constructor(
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentResolver,
  ) {}

  async count(
    principal: Principal,
    body: unknown,
    anthropicBeta: string[],
  ): Promise<{ input_tokens: number }> {
    const request = parseMessagesRequest(body, { countTokens: true });
    const candidates = this.deployments.resolveAll(this.access.resolve(principal, request.model));
    const deployment = candidates.find(
      (candidate) => candidate.mode === 'chat' && messagesRouteOf(candidate, request.model) === 'anthropic',
    );
    if (!deployment)
      throw OpenAIError.badRequest(
        `Model "${request.model}" is not a Claude model; Bedrock counts tokens only for Claude`,
        'model',
        'unsupported_model',
      );
    const countable = toBedrockAnthropicBody(withMaxTokens(request.body), anthropicBeta);
    delete countable.metadata;
    const deadline = new CallDeadline(deployment.timeoutMs);
    try {
      const inputTokens = await countAnthropicTokens(
        deployment.runtime,
        deployment.route.modelId,
        countable,
        deadline.signal,
      );
      return { input_tokens: inputTokens };
    } catch (error) {
      throw toInvocationError(error, { deadline: deadline.signal });
    } finally {
      deadline.dispose();
    }
  }
}

/**
 * count_tokens bodies have no max_tokens, and CountTokens takes an InvokeModel body, which needs one:
 * any value counts the same, as long as it is above a thinking budget.
 */
function withMaxTokens(body: AnthropicBody): AnthropicBody {
  if (body.max_tokens !== undefined) return body;
  const budget = (body.thinking as { budget_tokens?: unknown } | undefined)?.budget_tokens;
  return { ...body, max_tokens: typeof budget === 'number' ? budget + 1 : 1 };
}
