// A chat request in Converse terms for one deployment. Chat completions serve Converse deployments;
// InvokeModel and Agents deployments answer a clear 400 until their routes exist.
import { fetchPublicUrl, toConverseRequest, type ConverseRequest, type FetchImage } from '@quarry/bedrock';
import { OpenAIError, type ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

export interface ChatSettings {
  modifyParams: boolean;
}

export function translateChat(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
  fetchImage: FetchImage,
): Promise<ConverseRequest> {
  assertConverseRoute(deployment, chatRequest.model);
  return toConverseRequest(chatRequest, {
    modelId: deployment.route.modelId,
    capabilities: deployment.capabilities,
    dropParams: chatRequest.drop_params === true || deployment.dropParams,
    modifyParams: settings.modifyParams,
    userContinueMessage:
      typeof chatRequest.user_continue_message === 'string' ? chatRequest.user_continue_message : undefined,
    deploymentParams: deployment.providerParams,
    stream: chatRequest.stream === true,
    fetchImage,
  });
}

function assertConverseRoute(deployment: ResolvedDeployment, model: string): void {
  if (deployment.route.kind === 'converse') return;
  throw OpenAIError.badRequest(
    `Model "${model}" is served through Bedrock ${deployment.route.kind === 'agent' ? 'Agents' : 'InvokeModel'}, which chat completions do not support yet; use a bedrock/converse/ deployment`,
    'model',
    'unsupported_route',
  );
}

/** The SSRF-guarded fetch, remembering each URL's result (or failure) for the rest of the request. */
export function fetchOncePerUrl(): FetchImage {
  const fetched = new Map<string, ReturnType<FetchImage>>();
  return (url) => {
    let result = fetched.get(url);
    if (!result) {
      result = fetchPublicUrl(url);
      fetched.set(url, result);
    }
    return result;
  };
}
