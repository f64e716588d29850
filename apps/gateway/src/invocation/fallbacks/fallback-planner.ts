// Which models a failed call falls back to, and their deployments for this caller. The lists come from
// config.yaml (fallback-settings.ts) or the request body; each fallback model goes through the caller's
// access rule like a requested one, and one the caller may not use (or that has no deployment for this
// surface) is passed over without a word: for that caller it does not exist. So is one whose budget on
// the caller's key (model_max_budget) is spent: a fallback is no way round a model's budget.
import { Inject, Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { ModelAccessService } from '../../tenancy/access/model-access.service';
import type { Principal } from '../../tenancy/auth/principal';
import type { ModelMode } from '../../tenancy/models/model-mode';
import { DeploymentResolver } from '../deployments/deployment-resolver';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { ModelTurn } from '../attempts/deployment-attempts';
import { DeploymentCooldowns } from '../cooldowns/deployment-cooldowns';
import { routeRequestOf } from '../call-plan';
import { DeploymentRouter, type RouteRequest } from '../routing/deployment-router';
import { BudgetGuard } from '../limits/budget-guard';
import type { Invocation } from '../invocation';
import type { FallbackTrigger } from './fallback-trigger';
import type { FallbackRoute } from './model-fallbacks';
import type { RequestReliability } from './request-reliability';

@Injectable()
export class FallbackPlanner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentResolver,
    private readonly router: DeploymentRouter,
    private readonly cooldowns: DeploymentCooldowns,
    private readonly budgets: BudgetGuard,
  ) {}

  /**
   * The fallback models, in order, for a failure of `model` (the public name the request resolved to).
   * The body's `fallbacks` replace the configured generic ones (and default_fallbacks), as in LiteLLM.
   */
  modelsFor(model: string, trigger: FallbackTrigger, request: RequestReliability): readonly string[] {
    if (request.disableFallbacks) return [];
    const settings = this.config.settings.fallbacks;
    switch (trigger) {
      case 'context_window':
        return settings.contextWindowFallbacks[model] ?? [];
      case 'content_policy':
        return settings.contentPolicyFallbacks[model] ?? [];
      case 'generic':
        return request.fallbacks ?? settings.fallbacks[model] ?? settings.defaultFallbacks;
    }
  }

  /**
   * The deployments of `model` that may serve this caller on this surface and are not cooling down, in
   * the router's order (none: the model is passed over).
   */
  deploymentsOf(
    principal: Principal,
    model: string,
    modes: readonly ModelMode[],
    retries: number | undefined,
    route: RouteRequest,
  ): ModelTurn {
    let found;
    try {
      found = this.access.resolve(principal, model);
    } catch {
      return { deployments: [], modelDeployments: 0, retries, route };
    }
    const served = this.deployments.resolveAll(found).filter((deployment) => modes.includes(deployment.mode));
    let healthy: readonly ResolvedDeployment[] = [];
    try {
      if (served.length > 0) healthy = this.cooldowns.available(model, served);
    } catch {
      // Every deployment of this fallback is cooling down: the next one is tried.
    }
    return {
      deployments: healthy.length > 0 ? this.router.order(healthy, route) : [],
      modelDeployments: served.length,
      retries,
      route,
    };
  }

  /** Where one call may fall back to: the lists of its model (after the key's aliases), for its caller. */
  routeFor(
    principal: Principal,
    invocation: Invocation,
    translations: (deployment: ResolvedDeployment) => Promise<unknown>,
    request: RequestReliability,
    retries: number | undefined,
  ): FallbackRoute<ModelTurn> {
    const model = this.access.targetOf(principal, invocation.model);
    const route = routeRequestOf(invocation);
    return {
      model,
      maxFallbacks: this.config.settings.fallbacks.maxFallbacks,
      modelsFor: (trigger) => this.modelsFor(model, trigger, request),
      deploymentsOf: (name) => this.deploymentsOf(principal, name, invocation.modes, retries, route),
      // A model whose budget is spent, or whose translation refuses the request (a parameter it lacks),
      // cannot serve it.
      accepts: async (deployments, fallback) =>
        (await this.withinModelBudget(principal, this.access.targetOf(principal, fallback))) &&
        translations(deployments[0]).then(
          () => true,
          (error) => {
            if (error instanceof OpenAIError && error.status < 500) return false;
            throw error;
          },
        ),
    };
  }

  /** False when the key's model_max_budget for `model` is spent (no work when it has none). */
  private async withinModelBudget(principal: Principal, model: string): Promise<boolean> {
    const budgets = this.budgets.budgetsOf(principal, model, undefined).filter((b) => b.owner === 'model');
    if (budgets.length === 0) return true;
    try {
      (await this.budgets.admit(budgets, 0)).release();
      return true;
    } catch (error) {
      if (error instanceof OpenAIError && error.status === 429) return false;
      throw error;
    }
  }
}
