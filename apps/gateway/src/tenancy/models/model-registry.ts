// Every deployment, in memory: lookups on the request path cost no database query. This instance's
// config.yaml models come from its own configuration (so instances — or tests — with different files do
// not route each other's models); API-created models come from the database and are reloaded whenever
// any instance publishes a `models` invalidation.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ModelDeploymentsRepository } from '@quarry/db';
import type { ModelCatalog } from './model-catalog';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { LOGGER } from '../../platform/logging/logger.token';
import { configDeployments, syncConfigDeployments } from './config-deployments';
import { deploymentFrom, type Deployment } from './deployment';

interface Snapshot {
  all: readonly Deployment[];
  byId: Map<string, Deployment>;
  byName: Map<string, readonly Deployment[]>;
  groupsByModel: Map<string, readonly string[]>;
  modelsByGroup: Map<string, readonly string[]>;
  wildcardNames: Map<string, readonly string[]>;
}

const NONE: readonly never[] = Object.freeze([]);

@Injectable()
export class ModelRegistry implements ModelCatalog, OnModuleInit {
  private readonly fromConfig: readonly Deployment[];
  private snapshot: Snapshot;
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;

  constructor(
    private readonly deployments: ModelDeploymentsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly invalidation: CacheInvalidationService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.fromConfig = configDeployments(config.configModels).map(freezeDeployment);
    this.snapshot = buildSnapshot(this.fromConfig);
  }

  async onModuleInit(): Promise<void> {
    await syncConfigDeployments(this.deployments, this.fromConfig, this.logger);
    this.invalidation.subscribe((event) => {
      if (event.models || event.all)
        this.reload().catch((error: Error) =>
          this.logger.error({ err: error.message }, 'model reload failed'),
        );
    });
    await this.reload();
  }

  /** Reloads API-created deployments. Concurrent calls share one load; a call during a load triggers one more. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.reloadAgain = false;
          const rows = await this.deployments.listApiCreated();
          const fromDatabase = rows.map((row) => freezeDeployment(deploymentFrom(row)));
          this.snapshot = buildSnapshot([...this.fromConfig, ...fromDatabase]);
        } while (this.reloadAgain);
      } finally {
        this.reloading = undefined;
      }
    })();
    return this.reloading;
  }

  all(): readonly Deployment[] {
    return this.snapshot.all;
  }

  byId(id: string): Deployment | undefined {
    return this.snapshot.byId.get(id);
  }

  /** Deployments serving a public model name, in configuration order (empty when none). */
  deploymentsFor(modelName: string): readonly Deployment[] {
    return this.snapshot.byName.get(modelName) ?? NONE;
  }

  modelNames(): string[] {
    return [...this.snapshot.byName.keys()];
  }

  accessGroups(): string[] {
    return [...this.snapshot.modelsByGroup.keys()];
  }

  hasModel(modelName: string): boolean {
    return this.snapshot.byName.has(modelName);
  }

  accessGroupsOf(modelName: string): readonly string[] {
    return this.snapshot.groupsByModel.get(modelName) ?? NONE;
  }

  modelsInAccessGroup(group: string): readonly string[] {
    return this.snapshot.modelsByGroup.get(group) ?? NONE;
  }

  wildcardNamesOf(modelName: string): readonly string[] {
    return this.snapshot.wildcardNames.get(modelName) ?? [modelName];
  }
}

function buildSnapshot(deployments: readonly Deployment[]): Snapshot {
  const byId = new Map<string, Deployment>();
  const byName = new Map<string, Deployment[]>();
  const groupsByModel = new Map<string, Set<string>>();
  const modelsByGroup = new Map<string, Set<string>>();
  const wildcardNames = new Map<string, Set<string>>();
  for (const deployment of deployments) {
    byId.set(deployment.id, deployment);
    const name = deployment.modelName;
    if (!byName.has(name)) {
      byName.set(name, []);
      groupsByModel.set(name, new Set());
      wildcardNames.set(name, new Set([name]));
    }
    byName.get(name)!.push(deployment);
    const groups = deployment.modelInfo.access_groups;
    for (const group of Array.isArray(groups) ? groups : []) {
      if (typeof group !== 'string') continue;
      groupsByModel.get(name)!.add(group);
      if (!modelsByGroup.has(group)) modelsByGroup.set(group, new Set());
      modelsByGroup.get(group)!.add(name);
    }
    const providerModel = deployment.litellmParams.model;
    if (typeof providerModel === 'string') {
      const names = wildcardNames.get(name)!;
      names.add(providerModel);
      // bedrock/converse/anthropic.claude-… → anthropic.claude-… (the Bedrock model id).
      names.add(providerModel.replace(/^bedrock\/(?:(?:converse|invoke)\/)?/, ''));
    }
  }
  const frozenLists = <T>(map: Map<string, Iterable<T>>) =>
    new Map([...map].map(([name, values]) => [name, Object.freeze([...values]) as readonly T[]]));
  return {
    all: Object.freeze([...deployments]),
    byId,
    byName: frozenLists(byName),
    groupsByModel: frozenLists(groupsByModel),
    modelsByGroup: frozenLists(modelsByGroup),
    wildcardNames: frozenLists(wildcardNames),
  };
}

function freezeDeployment(deployment: Deployment): Deployment {
  return Object.freeze({
    ...deployment,
    litellmParams: Object.freeze({ ...deployment.litellmParams }),
    modelInfo: Object.freeze({ ...deployment.modelInfo }),
  });
}
