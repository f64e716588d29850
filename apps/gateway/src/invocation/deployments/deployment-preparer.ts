// Prepared deployments are cached per deployment object: the registry replaces objects when models
// change, so a WeakMap forgets stale entries by itself and the hot path does no parsing or lookups.
import { Inject, Injectable } from '@nestjs/common';
import { BedrockClients } from './bedrock-clients';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Deployment } from '../../tenancy/models/deployment';
import { prepareDeployment, type PreparedDeployment } from './prepared-deployment';

@Injectable()
export class DeploymentPreparer {
  private readonly prepared = new WeakMap<Deployment, PreparedDeployment>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: BedrockClients,
  ) {}

  prepare(deployment: Deployment): PreparedDeployment {
    let prepared = this.prepared.get(deployment);
    if (!prepared) {
      prepared = prepareDeployment(deployment, this.config, process.env, (clientConfig) =>
        this.clients.runtime(clientConfig),
      );
      this.prepared.set(deployment, prepared);
    }
    return prepared;
  }

  /** All deployments of a model name, in a random order (spreads load), prepared. */
  prepareAll(deployments: readonly Deployment[]): PreparedDeployment[] {
    const prepared = deployments.map((deployment) => this.prepare(deployment));
    for (let index = prepared.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      [prepared[index], prepared[other]] = [prepared[other], prepared[index]];
    }
    return prepared;
  }
}
