// Deployments of public model names (LiteLLM's model_list entries). Proxy-wide: no tenant owns one.
import type { JsonObject, JsonValue } from './json-value';
import type { ModelSource } from './roles';

export interface ModelDeploymentRecord {
  id: string;
  modelName: string;
  /** Credentials are `os.environ/NAME` references (or masked values for config.yaml rows), never secrets. */
  litellmParams: JsonValue;
  modelInfo: JsonValue;
  source: ModelSource;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeploymentChanges {
  modelName: string;
  litellmParams: JsonObject;
  modelInfo: JsonObject;
}

export interface NewModelDeployment extends DeploymentChanges {
  id: string;
}
