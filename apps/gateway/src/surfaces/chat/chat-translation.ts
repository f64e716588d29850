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
  const switches = chatSwitches(chatRequest, deployment, settings);
  return toConverseRequest(chatRequest, {
    modelId: deployment.route.modelId,
    capabilities: deployment.capabilities,
    ...switches,
    deploymentParams: deployment.providerParams,
    stream: chatRequest.stream === true,
    fetchImage,
  });
}

/**
 * LiteLLM's switches, each settable in litellm_settings, on the deployment and per request: any of
 * them turns the behaviour on. A `user_continue_message` (the deployment's or the request's, a string
 * or a message) is the turn modify_params inserts, so it means nothing without modify_params.
 */
export function chatSwitches(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
): { dropParams: boolean; modifyParams: boolean; userContinueMessage?: string } {
  const modifyParams = settings.modifyParams || deployment.modifyParams || chatRequest.modify_params === true;
  const continueMessage = textOf(chatRequest.user_continue_message) ?? deployment.userContinueMessage;
  return {
    dropParams: chatRequest.drop_params === true || deployment.dropParams,
    modifyParams,
    ...(modifyParams && continueMessage !== undefined ? { userContinueMessage: continueMessage } : {}),
  };
}

function textOf(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (typeof message === 'object' && message !== null) {
    const content = (message as { content?: unknown }).content;
    if (typeof content === 'string') return content;
  }
  return undefined;
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
