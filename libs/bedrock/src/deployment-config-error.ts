// A deployment's own settings (litellm_params) that Bedrock would refuse are the operator's error, not
// the client's: a 500 that says so, with a code that tells it apart from the gateway's own faults.
import { OpenAIError } from '@quarry/openai';

export function deploymentConfigError(message: string): OpenAIError {
  return new OpenAIError(
    500,
    `Deployment configuration error: ${message}`,
    'server_error',
    null,
    'deployment_config',
  );
}
