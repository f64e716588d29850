// /model_group/info: one entry per public model name with its mode, limits, prices and what it supports,
// from the deployments' model_info (the first deployment that states a value wins).
import { MODEL_INFO_PRICE_FIELDS } from '@quarry/bedrock';
import type { Deployment } from '../models/deployment';
import { endpointsFor, modeOf } from '../models/model-mode';
import { deploymentStateJson, type DeploymentStates } from './deployment-states';

const INFO_FIELDS = [
  'max_input_tokens',
  'max_output_tokens',
  'max_tokens',
  ...MODEL_INFO_PRICE_FIELDS,
  'base_model',
] as const;

const SUPPORT_FLAGS = [
  'supports_function_calling',
  'supports_tool_choice',
  'supports_parallel_function_calling',
  'supports_vision',
  'supports_pdf_input',
  'supports_reasoning',
  'supports_response_schema',
  'supports_prompt_caching',
  'supports_system_messages',
] as const;

export function modelGroupInfo(
  modelName: string,
  deployments: readonly Deployment[],
  states?: DeploymentStates,
) {
  const mode = modeOf(deployments[0]);
  const firstStated = (field: string): unknown =>
    deployments
      .map((deployment) => deployment.modelInfo[field])
      .find((value) => value !== undefined && value !== null) ?? null;
  const info: Record<string, unknown> = {
    model_group: modelName,
    providers: ['bedrock'],
    mode,
    supported_endpoints: endpointsFor(mode),
    deployments: deployments.length,
  };
  for (const field of INFO_FIELDS) info[field] = firstStated(field);
  for (const flag of SUPPORT_FLAGS) info[flag] = firstStated(flag) === true;
  const groups = new Set(
    deployments.flatMap((deployment) =>
      Array.isArray(deployment.modelInfo.access_groups) ? deployment.modelInfo.access_groups : [],
    ),
  );
  info.access_groups = [...groups];
  // Each deployment's health: in the rotation, or cooling down until a time (invocation/cooldowns).
  info.deployment_states = deployments.map((deployment) => ({
    model_id: deployment.id,
    ...deploymentStateJson(states?.stateOf(deployment.id) ?? { status: 'healthy' }),
  }));
  return info;
}
