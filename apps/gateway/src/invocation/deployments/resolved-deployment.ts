// Everything a call needs about a deployment, worked out once per deployment (not per request):
// its Bedrock route, capabilities, price, resolved client settings and the provider params it adds.
import {
  AwsCredentialProviders,
  batchStorageOf,
  capabilitiesFor,
  capabilitiesFromModelInfo,
  extraHeadersFrom,
  mergePriceOverrides,
  parseDeploymentModel,
  priceFor,
  type AwsClientConfig,
  type BatchStorage,
  type BedrockRoute,
  type ModelCapabilities,
  type ModelPrice,
} from '@quarry/bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { AppConfig } from '../../platform/config/app-config';
import {
  SECRET_PARAMS,
  deploymentTimeoutSeconds,
  isModelParameter,
} from '../../platform/config/deployment-settings';
import { isAwsRegionName } from '../../platform/config/aws-region-name';
import { MAX_NUM_RETRIES } from '../../platform/config/cooldown-settings';
import { endpointProblem } from '../../platform/config/endpoint-allow-list';
import { resolveEnvReferences } from '../../platform/config/env-reference';
import type { Deployment } from '../../tenancy/models/deployment';
import { modeOf, type ModelMode } from '../../tenancy/models/model-mode';
import { deploymentAuth } from './deployment-credentials';

export interface ResolvedDeployment {
  deployment: Deployment;
  /** Which endpoints serve it (model_info.mode, or inferred from the model id). */
  mode: ModelMode;
  route: BedrockRoute;
  capabilities: ModelCapabilities;
  price: ModelPrice | undefined;
  region: string;
  clientConfig: AwsClientConfig;
  /** The SDK client for clientConfig, looked up once (its cache key hashes the credentials). */
  runtime: BedrockRuntimeClient;
  /** litellm_params that are model parameters (top_k, guardrailConfig, …), not gateway or AWS settings. */
  providerParams: Record<string, unknown>;
  numRetries: number;
  timeoutMs: number;
  /** litellm_params.stream_timeout, else the gateway's: the longest a stream may stay silent. */
  streamTimeoutMs: number | undefined;
  dropParams: boolean;
  /** The deployment's own `modify_params` (litellm_settings' and the request's are added by each surface). */
  modifyParams: boolean;
  /** The text of the deployment's `user_continue_message` (validated at load as {role, content}). */
  userContinueMessage?: string;
  /** litellm_params rpm / tpm: what this deployment takes per minute (undefined: no limit). */
  rpm: number | undefined;
  tpm: number | undefined;
  /** litellm_params weight: this deployment's share of simple-shuffle's picks (undefined: not weighted). */
  weight: number | undefined;
  /** litellm_params order: its priority tier, 1 first (undefined: the lowest tier, as order 1). */
  order: number;
  /** Batch models: where files go and how jobs run, or why the deployment cannot run batches. */
  batch?: BatchStorage | { problem: string };
}

/**
 * API-created deployments may read only credentials from the environment: resolving any reference
 * anywhere would let an admin send, say, DATABASE_URL to Bedrock as a model parameter. config.yaml is
 * the operator's own file and keeps LiteLLM's "any value may be os.environ/NAME".
 */
const ENV_READABLE_FROM_API = new Set([...SECRET_PARAMS, 'aws_region_name']);

function resolveParams(deployment: Deployment, env: NodeJS.ProcessEnv): Record<string, any> {
  if (deployment.source === 'config')
    return resolveEnvReferences(deployment.litellmParams, env) as Record<string, any>;
  const params: Record<string, any> = {};
  for (const [key, value] of Object.entries(deployment.litellmParams)) {
    params[key] = ENV_READABLE_FROM_API.has(key) ? resolveEnvReferences(value, env) : value;
  }
  return params;
}

export function resolveDeployment(
  deployment: Deployment,
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  runtimeClientFor: (clientConfig: AwsClientConfig) => BedrockRuntimeClient,
  /** The gateway's shared credential providers (one per distinct credential configuration). */
  credentialProviders: AwsCredentialProviders = new AwsCredentialProviders(),
): ResolvedDeployment {
  const params = resolveParams(deployment, env);
  const info = deployment.modelInfo as Record<string, any>;
  const route = parseDeploymentModel(String(params.model), {
    modelId: typeof params.model_id === 'string' ? params.model_id : undefined,
    baseModel: typeof info.base_model === 'string' ? info.base_model : undefined,
  });
  const region = typeof params.aws_region_name === 'string' ? params.aws_region_name : config.awsRegion;
  // The value is not repeated: it may come from the environment, and it is no region.
  if (!isAwsRegionName(region))
    throw new Error(`Model ${deployment.id}: litellm_params.aws_region_name is not an AWS region name`);
  const basePrice = priceFor(route.pricingKey, route.arnRegion ?? region);
  const providerParams: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    if (isModelParameter(key, deployment.litellmParams[key])) providerParams[key] = value;
  const clientConfig: AwsClientConfig = {
    region,
    endpoint: endpointOf(
      deployment,
      params,
      config,
      // Agents run on bedrock-agent-runtime, which a bedrock-runtime endpoint does not serve.
      route.kind === 'agent' ? 'aws_bedrock_agent_runtime_endpoint' : 'aws_bedrock_runtime_endpoint',
    ),
    ...deploymentAuth(params, region, env, credentialProviders),
    // The gateway retries itself (jittered, before the first byte only), so the SDK must not.
    maxAttempts: 1,
    // Headers are server configuration too (a proxy in front of the endpoint): config.yaml only.
    extraHeaders: deployment.source === 'config' ? extraHeadersFrom(params.extra_headers) : undefined,
  };

  return {
    deployment,
    mode: modeOf(deployment),
    route,
    capabilities: capabilitiesFor(route.baseModelId, capabilitiesFromModelInfo(info)),
    price: mergePriceOverrides(basePrice, info),
    region,
    clientConfig,
    runtime: runtimeClientFor(clientConfig),
    providerParams,
    // Capped like router_settings' and the request's: one call never loops through a throttled model
    // for its whole timeout.
    numRetries:
      typeof params.num_retries === 'number'
        ? Math.min(params.num_retries, MAX_NUM_RETRIES)
        : config.settings.numRetries,
    timeoutMs: timeoutMs(params, config),
    streamTimeoutMs:
      typeof params.stream_timeout === 'number' && params.stream_timeout > 0
        ? Math.round(params.stream_timeout * 1000)
        : config.settings.streamTimeoutMs,
    dropParams: params.drop_params === true || config.settings.dropParams,
    modifyParams: params.modify_params === true,
    ...(typeof params.user_continue_message?.content === 'string'
      ? { userContinueMessage: params.user_continue_message.content }
      : {}),
    rpm: perMinute(params.rpm),
    tpm: perMinute(params.tpm),
    // Both validated when the deployment was loaded or created (deployment-validator.ts).
    weight: typeof params.weight === 'number' ? params.weight : undefined,
    order: typeof params.order === 'number' ? params.order : 1,
    ...(modeOf(deployment) === 'batch'
      ? { batch: batchSettings(deployment, params, config, region, env, clientConfig.credentials) }
      : {}),
  };
}

function batchSettings(
  deployment: Deployment,
  params: Record<string, unknown>,
  config: AppConfig,
  region: string,
  env: NodeJS.ProcessEnv,
  credentials: AwsClientConfig['credentials'],
): BatchStorage | { problem: string } {
  const endpoint = params.aws_s3_endpoint;
  if (typeof endpoint === 'string' && deployment.source !== 'config') {
    const problem = endpointProblem(endpoint, config.allowedEndpointHosts);
    if (problem) return { problem: `litellm_params.aws_s3_endpoint ${problem}` };
  }
  try {
    return batchStorageOf(params, { region, endpoint: config.s3Endpoint, env, credentials });
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

function perMinute(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function timeoutMs(params: Record<string, unknown>, config: AppConfig): number {
  const seconds = deploymentTimeoutSeconds(params);
  return seconds !== undefined ? seconds * 1000 : config.settings.requestTimeoutMs;
}

/**
 * config.yaml endpoints are the operator's; an API-created one was checked against the allow-list when
 * it was written and is checked again here, so narrowing QUARRY_ALLOWED_ENDPOINT_HOSTS takes effect at
 * the next start even for rows already stored.
 */
function endpointOf(
  deployment: Deployment,
  params: Record<string, unknown>,
  config: AppConfig,
  setting: 'aws_bedrock_runtime_endpoint' | 'aws_bedrock_agent_runtime_endpoint',
): string | undefined {
  const endpoint = params[setting];
  if (typeof endpoint !== 'string') return config.awsEndpoint;
  if (deployment.source === 'config') return endpoint;
  const problem = endpointProblem(endpoint, config.allowedEndpointHosts);
  if (problem) throw new Error(`Model ${deployment.id}: litellm_params.${setting} ${problem}`);
  return endpoint;
}
