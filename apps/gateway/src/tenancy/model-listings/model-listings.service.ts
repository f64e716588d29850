// What the caller sees of the models: /model/info, /model_group/info and the OpenAI model list show only
// what the caller may call, decided by the one access rule.
import { Injectable, Optional } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { canUseModel } from '../access/model-access-rule';
import { ModelAccessService } from '../access/model-access.service';
import type { Principal } from '../auth/principal';
import { ModelRegistry } from '../models/model-registry';
import { modelInfoResponse } from '../models/model-response';
import { DeploymentStates } from './deployment-states';
import { modelGroupInfo } from './model-group-info';

/** OpenAI's `created` is informational; one fixed value per process keeps /v1/models stable. */
const LISTED_AT = Math.floor(Date.now() / 1000);

const openAIModel = (id: string) => ({
  id,
  object: 'model' as const,
  created: LISTED_AT,
  owned_by: 'bedrock',
});

@Injectable()
export class ModelListingsService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly access: ModelAccessService,
    @Optional() private readonly states?: DeploymentStates,
  ) {}

  info(principal: Principal, modelId: string | undefined) {
    const visible = this.registry
      .all()
      .filter(
        (deployment) =>
          (modelId === undefined || deployment.id === modelId) &&
          canUseModel(principal, deployment.modelName, this.registry),
      );
    return { data: visible.map(modelInfoResponse) };
  }

  groupInfo(principal: Principal, modelGroup: string | undefined) {
    const names = this.registry
      .modelNames()
      .filter(
        (name) =>
          (modelGroup === undefined || name === modelGroup) && canUseModel(principal, name, this.registry),
      );
    return {
      data: names.map((name) => modelGroupInfo(name, this.registry.deploymentsFor(name), this.states)),
    };
  }

  openAIList(principal: Principal) {
    return { object: 'list' as const, data: this.access.callableModels(principal).map(openAIModel) };
  }

  /**
   * One entry of the list, by name or key alias. A model the caller may not call is answered exactly like
   * one that does not exist, so a key cannot learn which models other teams have.
   * @throws OpenAIError 404 `model_not_found`
   */
  openAIModel(principal: Principal, modelId: string) {
    const target = this.access.targetOf(principal, modelId);
    if (this.registry.hasModel(target) && canUseModel(principal, target, this.registry))
      return openAIModel(modelId);
    throw new OpenAIError(
      404,
      `The model '${modelId}' does not exist or you do not have access to it.`,
      'invalid_request_error',
      'model',
      'model_not_found',
    );
  }
}
