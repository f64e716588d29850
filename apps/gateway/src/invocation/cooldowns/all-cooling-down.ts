// The answer when every deployment of a model is cooling down: a 429 that says so, and when the first one
// returns (Retry-After, which the OpenAI SDKs wait for before their own retry).
import { OpenAIError } from '@quarry/openai';

export function allDeploymentsCoolingDown(modelName: string, firstBackAt: number, now: number): OpenAIError {
  const seconds = Math.max(1, Math.ceil((firstBackAt - now) / 1000));
  return new OpenAIError(
    429,
    `Every deployment of model "${modelName}" is cooling down after repeated failures; the first returns in ${seconds} s (at ${new Date(firstBackAt).toISOString()}).`,
    'rate_limit_error',
    null,
    'deployments_cooling_down',
    { 'Retry-After': String(seconds) },
  );
}
