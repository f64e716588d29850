// What routes call with a request's `model`: applies the key's model aliases, decides access through
// canUseModel, and returns the deployments to try. Errors name only the model the caller asked for.
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import type { Principal } from '../auth/principal';
import type { Deployment } from '../models/deployment';
import { ModelRegistry } from '../models/model-registry';
import { canUseModel } from './model-access-rule';
import { aliasTarget } from './model-alias';

@Injectable()
export class ModelAccessService {
  constructor(private readonly registry: ModelRegistry) {}

  /** The public model name a requested name stands for, after the key's `aliases`. */
  targetOf(principal: Principal, requestedModel: string): string {
    return aliasTarget(principal, requestedModel);
  }

  canUse(principal: Principal, modelName: string): boolean {
    return canUseModel(principal, this.targetOf(principal, modelName), this.registry);
  }

  /**
   * @throws OpenAIError 404 `model_not_found` when no deployment serves the model,
   *         403 `model_not_allowed` when the caller may not use it.
   */
  resolve(principal: Principal, requestedModel: string): readonly Deployment[] {
    const target = this.targetOf(principal, requestedModel);
    const deployments = this.registry.deploymentsFor(target);
    if (deployments.length === 0)
      throw new OpenAIError(
        404,
        `The model '${requestedModel}' does not exist.`,
        'not_found_error',
        'model',
        'model_not_found',
      );
    if (!canUseModel(principal, target, this.registry))
      throw new OpenAIError(
        403,
        `This API key is not allowed to use the model '${requestedModel}'.`,
        'permission_error',
        'model',
        'model_not_allowed',
      );
    return deployments;
  }

  /** Public model names (and the key's aliases of them) the caller may call, for /v1/models. */
  callableModels(principal: Principal): string[] {
    const names = this.registry.modelNames().filter((name) => canUseModel(principal, name, this.registry));
    const aliases = principal.key?.aliases ?? {};
    for (const [alias, target] of Object.entries(aliases)) {
      if (
        !names.includes(alias) &&
        this.registry.hasModel(target) &&
        canUseModel(principal, target, this.registry)
      )
        names.push(alias);
    }
    return names;
  }
}
