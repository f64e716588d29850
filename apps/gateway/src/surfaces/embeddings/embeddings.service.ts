// POST /v1/embeddings on InvokeModel: parse → one or more Bedrock bodies per deployment (Titan: one per
// input; Cohere: one per 96) → the shared pipeline → OpenAI's list in input order.
import { Injectable } from '@nestjs/common';
import { fromEmbeddingAnswers, invokeEmbeddings, toEmbeddingPlan, type EmbeddingPlan } from '@quarry/bedrock';
import { parseEmbeddingsRequest, type EmbeddingsRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { UnaryInvocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import type { Principal } from '../../tenancy/auth/principal';

@Injectable()
export class EmbeddingsService {
  constructor(private readonly pipeline: InvocationPipeline) {}

  embed(principal: Principal, body: unknown, reply: ClientReply): Promise<void> {
    return this.pipeline.run(principal, reply, 'embeddings', body, (call) => {
      const request = parseEmbeddingsRequest(body);
      call.endUser = request.user ?? undefined;
      return invocationFor(request);
    });
  }
}

function invocationFor(
  request: EmbeddingsRequest,
): UnaryInvocation<EmbeddingPlan, Awaited<ReturnType<typeof invokeEmbeddings>>> {
  return {
    kind: 'unary',
    model: request.model,
    modes: ['embedding'],
    translate: async (deployment: ResolvedDeployment) =>
      toEmbeddingPlan(request, {
        baseModelId: deployment.route.baseModelId,
        dropParams: request.drop_params === true || deployment.dropParams,
      }),
    send: (deployment, plan, signal) =>
      invokeEmbeddings(deployment.runtime, deployment.route.modelId, plan, signal),
    respond: (answers, plan, deployment) => {
      const { response, usage } = fromEmbeddingAnswers(plan, answers, {
        model: request.model,
        encodingFormat: request.encoding_format,
        price: deployment.price,
      });
      return { body: response, usage };
    },
  };
}
