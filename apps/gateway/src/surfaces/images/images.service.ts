// POST /v1/images/generations on InvokeModel: parse → the model's native body per deployment → the
// shared pipeline → OpenAI's `{created, data: [{b64_json}]}`, priced per image.
import { Injectable } from '@nestjs/common';
import { fromImageAnswer, invokeImageModel, toImagePlan, type ImagePlan } from '@quarry/bedrock';
import { parseImageGenerationRequest, type ImageGenerationRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { UnaryInvocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import type { Principal } from '../../tenancy/auth/principal';

@Injectable()
export class ImagesService {
  constructor(private readonly pipeline: InvocationPipeline) {}

  generate(principal: Principal, body: unknown, reply: ClientReply): Promise<void> {
    return this.pipeline.run(principal, reply, 'image_generation', body, (call) => {
      const request = parseImageGenerationRequest(body);
      call.endUser = request.user ?? undefined;
      return invocationFor(request);
    });
  }
}

function invocationFor(request: ImageGenerationRequest): UnaryInvocation<ImagePlan, unknown[]> {
  return {
    kind: 'unary',
    model: request.model,
    modes: ['image_generation'],
    translate: async (deployment: ResolvedDeployment) =>
      toImagePlan(request, {
        baseModelId: deployment.route.baseModelId,
        dropParams: request.drop_params === true || deployment.dropParams,
      }),
    send: (deployment, plan, signal) =>
      invokeImageModel(deployment.runtime, deployment.route.modelId, plan, signal),
    respond: (answer, plan, deployment) => {
      const { response, usage, cost } = fromImageAnswer(plan, answer, {
        baseModelId: deployment.route.baseModelId,
        price: deployment.price,
      });
      return { body: response, usage, cost };
    },
  };
}
