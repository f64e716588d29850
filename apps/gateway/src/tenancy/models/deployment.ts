import type { ModelDeploymentRecord, ModelSource } from '@quarry/db';
import { asRecord } from '../../platform/config/is-object';

/** One deployment of a public model name (LiteLLM's model_list entry), as routes use it. */
export interface Deployment {
  /** model_info.id: stable across restarts for config models, a UUID for API-created ones. */
  id: string;
  modelName: string;
  /** As stored: credentials stay `os.environ/NAME` references until the Bedrock client is built. */
  litellmParams: Readonly<Record<string, unknown>>;
  modelInfo: Readonly<Record<string, unknown>>;
  source: ModelSource;
}

export function deploymentFrom(record: ModelDeploymentRecord): Deployment {
  return {
    id: record.id,
    modelName: record.modelName,
    litellmParams: asRecord(record.litellmParams),
    modelInfo: { ...asRecord(record.modelInfo), id: record.id },
    source: record.source,
  };
}
