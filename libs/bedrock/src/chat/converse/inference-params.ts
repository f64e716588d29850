// max_tokens / max_completion_tokens, temperature, top_p, stop → Converse `inferenceConfig`.
import type { InferenceConfiguration } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ChatCompletionRequest } from '@quarry/openai';

/** Converse's InferenceConfiguration limits (API reference): temperature 0–1, at most 2500 stop sequences. */
export const MAX_BEDROCK_TEMPERATURE = 1;
export const MAX_STOP_SEQUENCES = 2500;

export function toInferenceConfig(
  request: ChatCompletionRequest,
  modifyParams: boolean,
): InferenceConfiguration {
  const config: InferenceConfiguration = {};
  // max_completion_tokens replaced max_tokens in OpenAI's API; when both are sent the newer one wins.
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxTokens = maxTokens;

  const temperature = request.temperature;
  if (temperature !== undefined && temperature !== null) {
    if (temperature > MAX_BEDROCK_TEMPERATURE) {
      if (!modifyParams) {
        throw OpenAIError.badRequest(
          `temperature ${temperature} is above Bedrock's maximum of 1 (OpenAI allows up to 2); ` +
            'send 0–1 or enable modify_params to clamp it',
          'temperature',
        );
      }
      config.temperature = MAX_BEDROCK_TEMPERATURE;
    } else {
      config.temperature = temperature;
    }
  }
  if (request.top_p !== undefined && request.top_p !== null) config.topP = request.top_p;

  const stopSequences = toStopSequences(request.stop);
  if (stopSequences) config.stopSequences = stopSequences;
  return config;
}

/** Empty stop strings can never match, and Bedrock refuses them (min length 1), so they are left out. */
function toStopSequences(stop: ChatCompletionRequest['stop']): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  const sequences = list.filter((sequence) => sequence.length > 0);
  if (sequences.length > MAX_STOP_SEQUENCES) {
    throw OpenAIError.badRequest(
      `stop has ${sequences.length} sequences; Bedrock accepts at most ${MAX_STOP_SEQUENCES}`,
      'stop',
    );
  }
  return sequences.length > 0 ? sequences : undefined;
}
