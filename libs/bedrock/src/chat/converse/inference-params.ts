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
  maxOutputTokens?: number,
): InferenceConfiguration {
  const config: InferenceConfiguration = {};
  const maxTokens = fittedMaxTokens(request, modifyParams, maxOutputTokens);
  if (maxTokens !== undefined) config.maxTokens = maxTokens;

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

/**
 * max_completion_tokens replaced max_tokens in OpenAI's API; when both are sent the newer one wins.
 * Above the model's known output limit it is a 400 naming the field (Bedrock would refuse it later
 * with a less helpful message), or the limit itself under modify_params, like temperature.
 */
function fittedMaxTokens(
  request: ChatCompletionRequest,
  modifyParams: boolean,
  maxOutputTokens: number | undefined,
): number | undefined {
  const given = request.max_completion_tokens ?? request.max_tokens;
  if (given === undefined || given === null) return undefined;
  if (maxOutputTokens === undefined || given <= maxOutputTokens) return given;
  if (modifyParams) return maxOutputTokens;
  const param =
    request.max_completion_tokens !== undefined && request.max_completion_tokens !== null
      ? 'max_completion_tokens'
      : 'max_tokens';
  throw OpenAIError.badRequest(
    `${param} ${given} is above this model's limit of ${maxOutputTokens} output tokens; ` +
      `send at most ${maxOutputTokens} or enable modify_params to clamp it`,
    param,
  );
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
