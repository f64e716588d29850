// Entry point of the InvokeModel request side: the OpenAI request goes through the Converse translation
// with the model's capabilities narrowed to what its native format can carry (so every parameter is
// checked, mapped, refused or dropped exactly as on the Converse route), then the family builds its
// native body from that input. Converse members InvokeModel carries as headers (guardrail, latency,
// service tier) become command members; the rest are refused (or dropped under drop_params).
import type { ConverseCommandInput, InvokeModelCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionRequest } from '@quarry/openai';
import { OpenAIError } from '@quarry/openai';
import type { BedrockRoute } from '../../route';
import { toConverseRequest, type ConverseRequestOptions } from '../converse/converse-request';
import type { TranslationContext } from '../converse/translation-context';
import { refuseUnlessDropped, type BodyOptions } from './invoke-family';
import { INVOKE_FAMILIES, invokeFormatOf, type InvokeFormat } from './invoke-formats';

/** Anthropic's Messages API requires max_tokens; LiteLLM sends this when the client gave none. */
const DEFAULT_MAX_TOKENS = 4096;
const CARRIED = new Set([
  'modelId',
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'additionalModelRequestFields',
]);

export interface InvokeRequestOptions extends Omit<ConverseRequestOptions, 'stream'> {
  route: Pick<BedrockRoute, 'baseModelId' | 'family' | 'invokeSpec'>;
  /** The `anthropic-beta` request header (comma-separated), for Claude's `anthropic_beta`. */
  anthropicBeta?: string;
}

export interface InvokeRequest {
  format: InvokeFormat;
  /** InvokeModel / InvokeModelWithResponseStream input, body serialised. */
  input: InvokeModelCommandInput;
  /** The Converse form it was built from: the estimate of a stream cut short reads it. */
  converseInput: ConverseCommandInput;
  context: TranslationContext;
}

export async function toInvokeRequest(
  clientRequest: ChatCompletionRequest,
  options: InvokeRequestOptions,
): Promise<InvokeRequest> {
  const format = invokeFormatOf(options.route);
  if (!format) {
    throw OpenAIError.badRequest(
      `Model "${clientRequest.model}" has no InvokeModel chat format Quarry speaks; use a bedrock/converse/ deployment`,
      'model',
      'unsupported_route',
    );
  }
  const family = INVOKE_FAMILIES[format];
  // Object.assign, not `{ ...a, ...b, more }`: on Node 20 a literal that starts with a spread and goes on
  // gets a new hidden class per call, and every read of it downstream misses (bench/README.md, finding 7).
  const capabilities = Object.assign({}, options.capabilities, family.limits, {
    supportsResponseSchema: false,
  });
  const converse = await toConverseRequest(
    clientRequest,
    Object.assign({}, options, { capabilities, stream: false }),
  );
  const bodyOptions: BodyOptions = {
    baseModelId: options.route.baseModelId,
    anthropicBeta: splitHeader(options.anthropicBeta),
    defaultMaxTokens: Math.min(capabilities.maxOutputTokens ?? DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOKENS),
    dropParams: options.dropParams,
  };
  const input: InvokeModelCommandInput = {
    modelId: options.modelId,
    contentType: 'application/json',
    accept: 'application/json',
    body: undefined,
  };
  carryHeaderMembers(converse.input, input, bodyOptions);
  input.body = Buffer.from(JSON.stringify(family.body(converse.input, bodyOptions)));
  return { format, input, converseInput: converse.input, context: converse.context };
}

function splitHeader(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function carryHeaderMembers(
  converse: ConverseCommandInput,
  input: InvokeModelCommandInput,
  options: BodyOptions,
): void {
  for (const key of Object.keys(converse) as (keyof ConverseCommandInput)[]) {
    if (CARRIED.has(key) || converse[key] === undefined) continue;
    if (key === 'guardrailConfig') {
      const guardrail = converse.guardrailConfig!;
      input.guardrailIdentifier = guardrail.guardrailIdentifier;
      input.guardrailVersion = guardrail.guardrailVersion;
      if (guardrail.trace && guardrail.trace !== 'disabled') input.trace = 'ENABLED';
    } else if (key === 'performanceConfig')
      input.performanceConfigLatency = converse.performanceConfig!.latency;
    else if (key === 'serviceTier') input.serviceTier = converse.serviceTier!.type;
    else refuseUnlessDropped(key, 'InvokeModel chat', options);
  }
}
