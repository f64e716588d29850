// POST /rerank in Cohere's format on the agent runtime's Rerank API: parse → Rerank input per
// deployment (the model as a foundation-model ARN) → the shared pipeline → Cohere's answer, priced
// per query.
import { Injectable } from '@nestjs/common';
import type { RerankCommandInput, RerankCommandOutput } from '@aws-sdk/client-bedrock-agent-runtime';
import { fromRerankOutput, rerankDocuments, toRerankInput } from '@quarry/bedrock';
import { OpenAIError, parseRerankRequest, type RerankRequest } from '@quarry/openai';
import { BedrockClients } from '../../invocation/deployments/bedrock-clients';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
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
      translate: async (deployment) => {
        refuseApiKeyOnly(deployment);
        return toRerankInput(request, { modelId: deployment.route.modelId, region: deployment.region });
      },
      send: (deployment, input, signal) =>
        rerankDocuments(this.clients.agentRuntime(deployment.clientConfig), input, signal),
      respond: (output, _input, deployment) => {
        const { response, usage, cost } = fromRerankOutput(request, output, { id, price: deployment.price });
        return { body: response, usage, cost };
      },
    };
  }
}

/**
 * Rerank runs on the agent runtime, whose API (unlike bedrock-runtime's) takes SigV4 only: a deployment
 * with nothing but a Bedrock API key cannot call it. That is the operator's setup, not the caller's
 * request, so it is a server error that says what to change, before any call.
 */
function refuseApiKeyOnly(deployment: ResolvedDeployment): void {
  const { bearerToken, credentials } = deployment.clientConfig;
  if (!bearerToken || credentials) return;
  throw new OpenAIError(
    500,
    `Model "${deployment.deployment.modelName}" authenticates with a Bedrock API key, which Bedrock's agent runtime (Rerank) does not accept; give this deployment AWS credentials (aws_access_key_id / aws_secret_access_key, or the default credential chain)`,
    'server_error',
    'model',
    'api_key_not_accepted',
  );
}
