// POST /rerank in Cohere's format on the agent runtime's Rerank API: parse → Rerank input per
// deployment (the model as a foundation-model ARN) → the shared pipeline → Cohere's answer, priced
// per query.
import { Injectable } from '@nestjs/common';
import type { RerankCommandInput, RerankCommandOutput } from '@aws-sdk/client-bedrock-agent-runtime';
import { fromRerankOutput, rerankDocuments, toRerankInput } from '@quarry/bedrock';
import { parseRerankRequest, type RerankRequest } from '@quarry/openai';
import { BedrockClients } from '../../invocation/deployments/bedrock-clients';
import type { UnaryInvocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import type { Principal } from '../../tenancy/auth/principal';

@Injectable()
export class RerankService {
  constructor(
    private readonly pipeline: InvocationPipeline,
    private readonly clients: BedrockClients,
  ) {}

  rank(principal: Principal, body: unknown, reply: ClientReply): Promise<void> {
    return this.pipeline.run(principal, reply, 'rerank', body, (call) => {
      const request = parseRerankRequest(body);
      call.endUser = request.user ?? undefined;
      return this.invocationFor(request, call.requestId);
    });
  }

  private invocationFor(
    request: RerankRequest,
    id: string,
  ): UnaryInvocation<RerankCommandInput, RerankCommandOutput> {
    return {
      kind: 'unary',
      model: request.model,
      modes: ['rerank'],
      translate: async (deployment) =>
        toRerankInput(request, { modelId: deployment.route.modelId, region: deployment.region }),
      send: (deployment, input, signal) =>
        rerankDocuments(this.clients.agentRuntime(deployment.clientConfig), input, signal),
      respond: (output, _input, deployment) => {
        const { response, usage, cost } = fromRerankOutput(request, output, { id, price: deployment.price });
        return { body: response, usage, cost };
      },
    };
  }
}
