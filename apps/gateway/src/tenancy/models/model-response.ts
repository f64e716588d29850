// Deployments as /model/info shows them: credential values are masked, `os.environ/NAME` references are
// shown as written (they name a variable, they are not the secret).
import { isSecretParam } from '../../platform/config/deployment-settings';
import { isEnvReference } from '../../platform/config/env-reference';
import type { Deployment } from './deployment';

export const MASKED = '********';
export function maskedParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params))
    masked[name] =
      isSecretParam(name) && value !== null && value !== undefined && !isEnvReference(value) ? MASKED : value;
  return masked;
}

export function modelInfoResponse(deployment: Deployment) {
  return {
    model_name: deployment.modelName,
    litellm_params: maskedParams(deployment.litellmParams),
    model_info: {
      ...deployment.modelInfo,
      id: deployment.id,
      db_model: deployment.source === 'db',
      source: deployment.source,
    },
  };
}
