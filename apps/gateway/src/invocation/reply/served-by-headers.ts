// Which deployment served a call and how many retries it took, on every answer where a deployment was
// tried (success or error, JSON or stream): Quarry's names and LiteLLM's, so LiteLLM users' scripts keep
// working. The id is model_info.id, which the caller can already read from /model/info; no secret.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';

export function servedByHeaders(deployment: ResolvedDeployment, retries: number): Record<string, string> {
  const id = deployment.deployment.id;
  const count = String(retries);
  return {
    'x-quarry-model-id': id,
    'x-quarry-model-region': deployment.region,
    'x-quarry-attempted-retries': count,
    'x-litellm-model-id': id,
    'x-litellm-model-region': deployment.region,
    'x-litellm-attempted-retries': count,
  };
}
