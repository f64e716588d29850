// Resolves a deployment into what a call needs (env references, credentials, SDK client, route, price),
// once per deployment object: the registry replaces objects when models change, so a WeakMap forgets
// stale entries by itself and the hot path does no parsing or lookups.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Deployment } from '../../tenancy/models/deployment';
import { BedrockClients } from './bedrock-clients';
import { resolveDeployment, type ResolvedDeployment } from './resolved-deployment';

@Injectable()
export class DeploymentResolver {
  private readonly resolved = new WeakMap<Deployment, ResolvedDeployment>();
  /** The registry's deployment lists are immutable and replaced on change: resolved once per list. */
  private readonly resolvedLists = new WeakMap<readonly Deployment[], readonly ResolvedDeployment[]>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: BedrockClients,
  ) {}

  resolve(deployment: Deployment): ResolvedDeployment {
    let resolved = this.resolved.get(deployment);
    if (!resolved) {
      resolved = resolveDeployment(
        deployment,
        this.config,
        process.env,
        (clientConfig) => this.clients.runtime(clientConfig),
        this.clients.credentialProviders,
      );
      this.resolved.set(deployment, resolved);
    }
    return resolved;
  }

  resolveAll(deployments: readonly Deployment[]): readonly ResolvedDeployment[] {
    let resolved = this.resolvedLists.get(deployments);
    if (!resolved) {
      resolved = Object.freeze(deployments.map((deployment) => this.resolve(deployment)));
      this.resolvedLists.set(deployments, resolved);
    }
    return resolved;
  }
}
