// Decides what a key may reach through /bedrock and on whose credentials. A model in the path may be a
// public model name (its deployment's Bedrock id, region and credentials are used) or a Bedrock id / ARN:
// served by a deployment the key may use, it runs as that deployment; otherwise it runs on the gateway's
// default credentials and region, but only for a key whose lists allow it as they would any model (an
// unrestricted key, `*`, or a wildcard that matches the id) and only while the operator allows default-
// credential passthrough. Agents, knowledge bases and guardrails are entries an admin registered
// (`bedrock/agent/<a>/<b>`, `bedrock/knowledgebase/<id>`, `bedrock/guardrail/<id>` in model_list or
// /model/new, with access groups like models), or unregistered ids under the same default rule, named
// `agent/<a>/<b>`, `knowledgebase/<id>` and `guardrail/<id>` in the lists. Every decision goes through
// canUseModel, the one access rule.
import { Inject, Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import type { PassthroughTarget } from '@quarry/bedrock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Principal } from '../../tenancy/auth/principal';
import { ModelAccessService } from '../../tenancy/access/model-access.service';
import { RegisteredResourceAccess, guardrailNameOf } from '../../tenancy/access/registered-resource-access';
import { modeOf } from '../../tenancy/models/model-mode';
import type { Deployment } from '../../tenancy/models/deployment';
import { ModelRegistry } from '../../tenancy/models/model-registry';
import { DeploymentResolver } from '../../invocation/deployments/deployment-resolver';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { DeploymentRouter } from '../../invocation/routing/deployment-router';
import { AwsError } from './aws-error';
import type { BodyResources } from './body-resources';
import { DefaultCredentials } from './default-credentials';
import type { PassthroughRoute } from './passthrough-route';

@Injectable()
export class PassthroughAccess {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: ModelAccessService,
    private readonly registry: ModelRegistry,
    private readonly resolver: DeploymentResolver,
    private readonly router: DeploymentRouter,
    private readonly defaults: DefaultCredentials,
    private readonly resources: RegisteredResourceAccess,
  ) {}

  /** @throws AwsError 403 (not allowed) or OpenAIError (unknown public model, …). */
  routeFor(principal: Principal, target: PassthroughTarget, body: BodyResources = {}): PassthroughRoute {
    switch (target.kind) {
      case 'model':
        for (const id of body.guardrailIds ?? []) this.allowRegistered(principal, guardrailNameOf(id));
        return this.modelRoute(principal, target.modelId);
      case 'agent': {
        const route = this.registeredRoute(principal, `agent/${target.agentId}/${target.agentAliasId}`);
        for (const id of body.knowledgeBaseIds ?? []) this.allowKnowledgeBase(principal, id);
        return route;
      }
      case 'guardrail':
        return this.registeredRoute(principal, guardrailNameOf(target.guardrailId));
      case 'knowledge-base':
        return this.registeredRoute(principal, `knowledgebase/${target.knowledgeBaseId}`);
      case 'rerank':
        this.allowEveryModel(principal, body);
        return this.modelRoute(principal, required(body.modelArn, 'modelArn'));
      case 'retrieve-and-generate': {
        for (const id of body.knowledgeBaseIds ?? []) this.allowKnowledgeBase(principal, id);
        for (const id of body.guardrailIds ?? []) this.allowRegistered(principal, guardrailNameOf(id));
        this.allowEveryModel(principal, body);
        // The model writes the answer: it must be one the key may use, and it decides the credentials.
        return {
          ...this.modelRoute(principal, required(body.modelArn, 'modelArn')),
          upstreamModelId: undefined,
        };
      }
      default:
        return unreachable(target);
    }
  }

  private modelRoute(principal: Principal, modelId: string): PassthroughRoute {
    const publicName = this.access.targetOf(principal, modelId);
    if (this.registry.hasModel(publicName)) {
      const deployment = this.first(
        this.access.resolve(principal, modelId).filter((candidate) => !isResource(candidate)),
        modelId,
      );
      return this.deploymentRoute(modelId, deployment, deployment.route.modelId);
    }
    const serving = this.registry
      .all()
      .filter((candidate) => !isResource(candidate) && bedrockIdsOf(candidate).includes(modelId));
    const allowed = serving.filter((candidate) => this.access.canUse(principal, candidate.modelName));
    if (allowed.length > 0) {
      const deployment = this.first(allowed, modelId);
      return this.deploymentRoute(deployment.deployment.modelName, deployment, modelId);
    }
    this.requireDefault(principal, modelId);
    const deployment = this.defaults.forModel(modelId);
    return { modelName: modelId, deployment, clientConfig: deployment.clientConfig };
  }

  /**
   * Agents, knowledge bases and guardrails an admin registered (model_list entries `bedrock/agent/…`,
   * `bedrock/knowledgebase/<id>`, `bedrock/guardrail/<id>`, with access groups like models) run as
   * their entry, for keys that may use it; unregistered ones fall to the default-credential rule.
   */
  private registeredRoute(principal: Principal, name: string): PassthroughRoute {
    const registered = this.registry
      .all()
      .filter((candidate) => String(candidate.litellmParams.model).trim() === `bedrock/${name}`);
    const allowed = registered.filter((candidate) => this.access.canUse(principal, candidate.modelName));
    if (allowed.length > 0) {
      const deployment = this.first(allowed, name);
      return this.deploymentRoute(deployment.deployment.modelName, deployment);
    }
    if (registered.length > 0) throw notAllowed(name);
    return this.resourceRoute(principal, name);
  }

  /** Every model a body names, the decoys beside the one that serves included, must be the key's. */
  private allowEveryModel(principal: Principal, body: BodyResources): void {
    for (const arn of body.modelArns ?? []) this.modelRoute(principal, arn);
  }

  /** A knowledge base named in a body: the key must be allowed it (the credentials are the call's). */
  private allowKnowledgeBase(principal: Principal, id: string): void {
    this.allowRegistered(principal, `knowledgebase/${id}`);
  }

  /** A knowledge base or guardrail a call uses beside its own target: registered ones need the key's access. */
  private allowRegistered(principal: Principal, name: string): void {
    if (!this.resources.mayUse(principal, name)) throw notAllowed(name);
  }

  /** Unregistered agents, guardrails and knowledge bases: the default credentials, for keys allowed them. */
  private resourceRoute(principal: Principal, name: string): PassthroughRoute {
    this.requireDefault(principal, name);
    return { modelName: name, deployment: undefined, clientConfig: this.defaults.clientConfig() };
  }

  /** Names no deployment has, allowed by the key's lists as any model would be. */
  private allow(principal: Principal, name: string): void {
    if (!this.resources.mayUseUnregistered(principal, name)) throw notAllowed(name);
  }

  private requireDefault(principal: Principal, name: string): void {
    this.allow(principal, name);
    if (!this.config.passthroughDefaultCredentials)
      throw AwsError.accessDenied(
        `'${name}' is not served by any deployment this key may use, and passthrough on the gateway's default credentials is turned off`,
      );
  }

  private first(deployments: readonly Deployment[], requested: string): ResolvedDeployment {
    if (deployments.length === 0)
      throw new OpenAIError(404, `The model '${requested}' does not exist.`, 'not_found_error', 'model');
    return this.router.order(this.resolver.resolveAll(deployments))[0];
  }

  private deploymentRoute(
    modelName: string,
    deployment: ResolvedDeployment,
    upstreamModelId?: string,
  ): PassthroughRoute {
    return { modelName, deployment, clientConfig: deployment.clientConfig, upstreamModelId };
  }
}

/** The Bedrock ids a deployment answers to: its model (without the bedrock/ route prefix) and model_id. */
function bedrockIdsOf(deployment: Deployment): string[] {
  const ids = [
    String(deployment.litellmParams.model)
      .trim()
      .replace(/^bedrock\/(?:(?:converse|invoke)\/)?/, ''),
  ];
  const modelId = deployment.litellmParams.model_id;
  if (typeof modelId === 'string') ids.push(modelId);
  return ids;
}

/**
 * Agents, knowledge bases and guardrails are deployments too, but no model operation reaches them; nor
 * does a batch deployment: a key given a model for /v1/batches only must not call it live here.
 */
function isResource(deployment: Deployment): boolean {
  return (
    modeOf(deployment) === 'batch' ||
    /^bedrock\/(?:agent|knowledgebase|guardrail)\//.test(String(deployment.litellmParams.model).trim())
  );
}

function notAllowed(name: string): AwsError {
  return AwsError.accessDenied(`This API key is not allowed to use '${name}' through /bedrock.`);
}

function required(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw AwsError.validation(`The request body must name ${field}; the gateway checks access to it.`);
  return value;
}

function unreachable(value: never): never {
  throw new Error(`unhandled passthrough target ${JSON.stringify(value)}`);
}
