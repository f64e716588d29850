// config.yaml's model_list → deployments with ids that do not change between restarts or instances
// (model_info.id when given, otherwise a hash of the entry), and their start-up sync into
// model_deployments. The file is the source of truth for `config` rows; `db` rows are never touched.
// The rows exist so that ids are stable and visible to reports; requests are routed from the in-memory
// configuration, so credential values written literally in the file are stored masked.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ModelDeploymentsRepository } from '@quarry/db';
import type { ConfigModel } from '../../platform/config/deployment-validator';
import type { Deployment } from './deployment';
import { maskedParams } from './model-response';

export function configDeployments(models: readonly ConfigModel[]): Deployment[] {
  const seen = new Map<string, number>();
  return models.map((model) => {
    const givenId = typeof model.modelInfo.id === 'string' ? model.modelInfo.id : undefined;
    let id = givenId ?? `config-${stableHash([model.modelName, model.litellmParams, model.modelInfo])}`;
    // Identical entries (a deliberate way to weight load balancing) still need distinct ids.
    const occurrence = seen.get(id) ?? 0;
    seen.set(id, occurrence + 1);
    if (occurrence > 0) id = `${id}-${occurrence}`;
    return {
      id,
      modelName: model.modelName,
      litellmParams: model.litellmParams,
      modelInfo: { ...model.modelInfo, id },
      source: 'config',
    };
  });
}

/**
 * Makes the `config` rows of model_deployments this file's deployments. A config id that collides with an
 * API-created row is skipped (and reported) rather than overwriting it.
 */
export async function syncConfigDeployments(
  repository: ModelDeploymentsRepository,
  deployments: readonly Deployment[],
  logger: Logger,
): Promise<void> {
  const skipped = await repository.syncConfigDeployments(
    deployments.map((deployment) => ({
      id: deployment.id,
      modelName: deployment.modelName,
      litellmParams: maskedParams(deployment.litellmParams),
      modelInfo: deployment.modelInfo,
    })),
  );
  for (const id of skipped)
    logger.warn(
      { modelId: id },
      'config.yaml model id is already used by a model created through the API; not synced',
    );
}

function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
