// Everything the chat path needs about a deployment, worked out once per deployment (not per request):
// its Bedrock route, capabilities, price, resolved client settings and the provider params it adds.
import {
  capabilitiesFor,
  capabilitiesFromModelInfo,
  mergePriceOverrides,
  parseDeploymentModel,
  priceFor,
  type AwsClientConfig,
  type BedrockRoute,
  type ModelCapabilities,
  type ModelPrice,
} from '@quarry/bedrock';
import type { AppConfig } from '../common/config/app-config';
import { GATEWAY_PARAMS } from '../common/config/config-model';
import { resolveEnvReferences } from '../common/config/env-reference';
import type { Deployment } from '../models/deployment';

export interface PreparedDeployment {
  deployment: Deployment;
  route: BedrockRoute;
  capabilities: ModelCapabilities;
  price: ModelPrice | undefined;
  region: string;
  clientConfig: AwsClientConfig;
  /** litellm_params that are model parameters (top_k, guardrailConfig, …), not gateway or AWS settings. */
  providerParams: Record<string, unknown>;
  numRetries: number;
  timeoutMs: number;
  dropParams: boolean;
}

export function prepareDeployment(
  deployment: Deployment,
  config: AppConfig,
  env: NodeJS.ProcessEnv,
): PreparedDeployment {
  const params = resolveEnvReferences(deployment.litellmParams, env) as Record<string, any>;
  const info = deployment.modelInfo as Record<string, any>;
  const route = parseDeploymentModel(String(params.model), {
    modelId: typeof params.model_id === 'string' ? params.model_id : undefined,
    baseModel: typeof info.base_model === 'string' ? info.base_model : undefined,
  });
  const region = typeof params.aws_region_name === 'string' ? params.aws_region_name : config.awsRegion;
  const basePrice = priceFor(route.pricingKey, route.arnRegion ?? region);
  const providerParams: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    if (!GATEWAY_PARAMS.has(key)) providerParams[key] = value;

  return {
    deployment,
    route,
    capabilities: capabilitiesFor(route.baseModelId, capabilitiesFromModelInfo(info)),
    price: mergePriceOverrides(basePrice, info),
    region,
    clientConfig: {
      region,
      endpoint: params.aws_bedrock_runtime_endpoint ?? config.awsEndpoint,
      credentials:
        params.aws_access_key_id && params.aws_secret_access_key
          ? {
              accessKeyId: params.aws_access_key_id,
              secretAccessKey: params.aws_secret_access_key,
              sessionToken: params.aws_session_token,
            }
          : undefined,
      bearerToken: params.aws_bedrock_api_key,
      // The gateway retries itself (jittered, before the first byte only), so the SDK must not.
      maxAttempts: 1,
    },
    providerParams,
    numRetries: typeof params.num_retries === 'number' ? params.num_retries : config.settings.numRetries,
    timeoutMs: typeof params.timeout === 'number' ? params.timeout * 1000 : config.settings.requestTimeoutMs,
    dropParams: params.drop_params === true || config.settings.dropParams,
  };
}
