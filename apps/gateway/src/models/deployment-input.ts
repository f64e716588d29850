// Validates a deployment sent to /model/new or /model/update with the same rules as config.yaml, plus one
// more: credentials must be `os.environ/NAME` references, because the database must never hold secrets.
import { OpenAIError } from '@quarry/openai';
import { validateModelEntry, type ConfigModel } from '../common/config/config-model';
import { isEnvReference } from '../common/config/env-reference';
import { isSecretParam } from './model-response';

export function validateDeploymentInput(body: unknown): ConfigModel {
  const result = validateModelEntry(body ?? {}, [], () => '');
  if ('problems' in result) {
    const messages = result.problems.map((problem) => problem.replace(/^: /, ''));
    throw OpenAIError.badRequest(
      messages.join('; '),
      /^([\w.]+)/.exec(messages[0] ?? '')?.[1] ?? null,
      'invalid_model',
    );
  }
  for (const [name, value] of Object.entries(result.model.litellmParams)) {
    if (isSecretParam(name) && value !== undefined && value !== null && !isEnvReference(value))
      throw OpenAIError.badRequest(
        `litellm_params.${name} must be an os.environ/NAME reference: Quarry does not store credentials in the database`,
        `litellm_params.${name}`,
        'secret_not_allowed',
      );
  }
  return result.model;
}
