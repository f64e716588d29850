// LiteLLM-style deployment models (`litellm_params.model`) → how Quarry calls Bedrock.
//
//   bedrock/<id>                      Converse if the model supports it, else InvokeModel
//   bedrock/converse/<id>             Converse
//   bedrock/invoke/<id>               InvokeModel (family-specific native bodies)
//   bedrock/agent/<agentId>/<aliasId> InvokeAgent
//   bedrock/<spec>/<imported ARN>     InvokeModel with the body format <spec> names (LiteLLM's spec
//                                     prefixes: llama, deepseek_r1, qwen2, qwen3, openai, moonshot)
//   bedrock/nova/<custom ARN>         Converse (also nova-2/): a custom Nova model
//
// <id> may be a base model id, a cross-region inference profile (`us.`, `eu.`, `apac.`, `global.`,
// `us-gov.`, `jp.`, `au.`, `ca.`), or a foundation-model / inference-profile /
// application-inference-profile / provisioned-model / custom / imported model ARN. Ids that name no
// model (application profiles, provisioned and imported models) take prices and capabilities from
// `model_info.base_model`; without it they default to Converse with permissive capabilities
// (LESSONS #18258). `litellm_params.model_id` (provisioned throughput, or any other id the endpoint
// understands) replaces what is sent, untouched, while prices and capabilities still follow the named
// model.
import { capabilitiesFor } from './capabilities/capabilities-for';
import { familyOf, type ModelFamily } from './model-family';
import { splitCrossRegionPrefix, withoutRepeatedProvider, type CrossRegionPrefix } from './model-id';

export type BedrockRouteKind = 'converse' | 'invoke' | 'agent';

export interface BedrockRoute {
  kind: BedrockRouteKind;
  /** What goes into the request path (agents: `<agentId>/<aliasId>`). */
  modelId: string;
  /** The model without prefix or ARN: the key for capabilities. */
  baseModelId: string;
  /** The key for prices: keeps the cross-region prefix, since profiles have their own prices. */
  pricingKey: string;
  regionPrefix?: CrossRegionPrefix;
  family: ModelFamily;
  /** The region an ARN names (prices can be region-specific). */
  arnRegion?: string;
  agentId?: string;
  agentAliasId?: string;
  /** The native body format a spec prefix chose for an imported model (`bedrock/llama/arn:…`). */
  invokeSpec?: InvokeSpec;
}

/** LiteLLM's spec prefixes that name the body format of an imported model (InvokeModel). */
export const INVOKE_SPECS = ['llama', 'deepseek_r1', 'qwen2', 'qwen3', 'openai', 'moonshot'] as const;
export type InvokeSpec = (typeof INVOKE_SPECS)[number];
/** Spec prefixes of custom Nova models, which Converse serves. */
const NOVA_SPECS = ['nova', 'nova-2'];

export interface DeploymentModelParams {
  /** LiteLLM `litellm_params.model_id`: sent instead of the id in `model` (provisioned throughput). */
  modelId?: string;
  /** LiteLLM `model_info.base_model`: the model behind an id that names none. */
  baseModel?: string;
}

const USAGE =
  'expected bedrock/<model id>, bedrock/converse/<model id>, bedrock/invoke/<model id> or bedrock/agent/<agent id>/<alias id>';
const ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/;
/** ARN resource types whose resource id is a model id (with its cross-region prefix for profiles). */
const MODEL_CARRYING_RESOURCES = new Set(['foundation-model', 'inference-profile']);
const AGENT_PART = /^[0-9A-Za-z]{1,100}$/;

export function parseDeploymentModel(model: string, params: DeploymentModelParams = {}): BedrockRoute {
  const trimmed = model.trim();
  if (!trimmed.startsWith('bedrock/')) throw new Error(`model "${model}" is not a Bedrock model: ${USAGE}`);
  const rest = trimmed.slice('bedrock/'.length);

  if (rest.startsWith('agent/')) return agentRoute(model, rest.slice('agent/'.length), params);

  let kind: BedrockRouteKind | undefined;
  let id = rest;
  if (rest.startsWith('converse/')) {
    kind = 'converse';
    id = rest.slice('converse/'.length);
  } else if (rest.startsWith('invoke/')) {
    kind = 'invoke';
    id = rest.slice('invoke/'.length);
  }
  const spec = specPrefixOf(id);
  if (spec) {
    id = id.slice(spec.length + 1);
    if (NOVA_SPECS.includes(spec)) {
      if (kind === 'invoke')
        throw new Error(`model "${model}": bedrock/${spec}/ models are served by Converse`);
      kind = 'converse';
    } else kind = 'invoke';
  }
  checkId(model, id);
  id = withoutRepeatedProvider(id);
  if (params.modelId !== undefined) checkId(model, params.modelId, 'model_id');

  const named = analyseId(model, id);
  const described =
    named.carriedModel ?? (params.baseModel !== undefined ? baseModelOf(params.baseModel) : id);
  const { prefix, baseModelId } = splitCrossRegionPrefix(described);

  const route: BedrockRoute = {
    kind: kind ?? (capabilitiesFor(baseModelId).supportsConverse ? 'converse' : 'invoke'),
    modelId: params.modelId ?? id,
    baseModelId,
    pricingKey: described,
    family: spec && NOVA_SPECS.includes(spec) ? 'amazon-nova' : familyOf(baseModelId),
  };
  if (prefix) route.regionPrefix = prefix;
  if (named.arnRegion) route.arnRegion = named.arnRegion;
  if (spec && !NOVA_SPECS.includes(spec)) route.invokeSpec = spec as InvokeSpec;
  return route;
}

/** `llama/arn:…` → 'llama': a spec prefix counts only in front of something that is not a model id. */
function specPrefixOf(id: string): string | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0) return undefined;
  const candidate = id.slice(0, slash);
  return (INVOKE_SPECS as readonly string[]).includes(candidate) || NOVA_SPECS.includes(candidate)
    ? candidate
    : undefined;
}

function agentRoute(model: string, path: string, params: DeploymentModelParams): BedrockRoute {
  const parts = path.split('/');
  if (parts.length !== 2 || !parts.every((part) => AGENT_PART.test(part))) {
    throw new Error(`model "${model}" is not a valid agent: expected bedrock/agent/<agent id>/<alias id>`);
  }
  const [agentId, agentAliasId] = parts;
  const described =
    params.baseModel !== undefined ? baseModelOf(params.baseModel) : `agent/${agentId}/${agentAliasId}`;
  const { prefix, baseModelId } = splitCrossRegionPrefix(described);
  const route: BedrockRoute = {
    kind: 'agent',
    modelId: `${agentId}/${agentAliasId}`,
    baseModelId,
    pricingKey: described,
    family: familyOf(baseModelId),
    agentId,
    agentAliasId,
  };
  if (prefix) route.regionPrefix = prefix;
  return route;
}

/** The model an id names (undefined for ARNs of application profiles, provisioned or imported models). */
function analyseId(model: string, id: string): { carriedModel?: string; arnRegion?: string } {
  if (!id.startsWith('arn:')) return { carriedModel: id };
  const match = ARN.exec(id);
  if (!match)
    throw new Error(
      `model "${model}" has a malformed Bedrock ARN: expected arn:aws:bedrock:<region>:<account>:<type>/<id>`,
    );
  const [, region, , resourceType, resourceId] = match;
  const arnRegion = region === '' ? undefined : region;
  return MODEL_CARRYING_RESOURCES.has(resourceType) ? { carriedModel: resourceId, arnRegion } : { arnRegion };
}

/** `model_info.base_model` may be written like a deployment model (`bedrock/converse/us.anthropic…`). */
function baseModelOf(baseModel: string): string {
  let value = baseModel.trim();
  for (const prefix of ['bedrock/', 'converse/', 'invoke/']) {
    if (value.startsWith(prefix)) value = value.slice(prefix.length);
  }
  if (value === '') throw new Error('model_info.base_model must name a Bedrock model id');
  const { carriedModel } = value.startsWith('arn:')
    ? analyseId(`bedrock/${value}`, value)
    : { carriedModel: value };
  if (!carriedModel)
    throw new Error(
      `model_info.base_model "${baseModel}" names no model; use a model id such as anthropic.claude-…`,
    );
  return carriedModel;
}

function checkId(model: string, id: string, field = 'model'): void {
  if (id === '' || /\s/.test(id)) {
    const where = field === 'model' ? `model "${model}"` : `model_id "${id}" of model "${model}"`;
    throw new Error(`${where} has no usable Bedrock model id: ${USAGE}`);
  }
}
