// A chat request in Bedrock's terms for one deployment: a Converse input, or an InvokeModel input in the
// model's native body format (chat-route.ts decides which).
import {
  fetchPublicUrl,
  toConverseRequest,
  toInvokeRequest,
  type ConverseRequest,
  type FetchImage,
  type FetchInputFiles,
  type InvokeRequest,
} from '@quarry/bedrock';
import type { ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

export interface ChatSettings {
  modifyParams: boolean;
}

/** What the request brings besides its body: the `anthropic-beta` header, for Claude on InvokeModel. */
export interface ChatRequestExtras {
  anthropicBeta?: string;
}

/** How a translation reaches outside the request: remote media, and the caller's stored files. */
export interface ChatFetchers {
  fetchImage: FetchImage;
  fetchFiles: FetchInputFiles;
}

export function translateChat(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
  fetchers: ChatFetchers,
): Promise<ConverseRequest> {
  const options = commonOptions(chatRequest, deployment, settings, fetchers);
  return toConverseRequest(chatRequest, Object.assign(options, { stream: chatRequest.stream === true }));
}

export function translateInvokeChat(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
  fetchers: ChatFetchers,
  extras: ChatRequestExtras,
): Promise<InvokeRequest> {
  const options = commonOptions(chatRequest, deployment, settings, fetchers);
  return toInvokeRequest(
    chatRequest,
    Object.assign(options, { route: deployment.route, anthropicBeta: extras.anthropicBeta }),
  );
}

/**
 * What both translations take. Written out member by member and then extended in place: on Node 20 an
 * object literal that starts with a spread and goes on (`{ ...common, stream }`) gets a new hidden class
 * on every call, and every read of it downstream misses its inline caches (bench/README.md, finding 7).
 */
function commonOptions(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
  fetchers: ChatFetchers,
) {
  const switches = chatSwitches(chatRequest, deployment, settings);
  return {
    modelId: deployment.route.modelId,
    capabilities: deployment.capabilities,
    dropParams: switches.dropParams,
    modifyParams: switches.modifyParams,
    userContinueMessage: switches.userContinueMessage,
    deploymentParams: deployment.providerParams,
    fetchImage: fetchers.fetchImage,
    fetchFiles: fetchers.fetchFiles,
  };
}

/**
 * LiteLLM's switches, each settable in litellm_settings, on the deployment and per request: any of
 * them turns the behaviour on. A `user_continue_message` (the request's, else the deployment's; a
 * string or a message) is the user turn put before an assistant-first conversation, on its own as the
 * seeds configure it; modify_params alone puts a default one there.
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
    ...(continueMessage !== undefined ? { userContinueMessage: continueMessage } : {}),
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

/** The SSRF-guarded fetch, remembering each URL's result (or failure) for the rest of the request. */
export function fetchOncePerUrl(): FetchImage {
  // Made on the first image: most requests carry none.
  let fetched: Map<string, ReturnType<FetchImage>> | undefined;
  return (url) => {
    fetched ??= new Map();
    let result = fetched.get(url);
    if (!result) {
      result = fetchPublicUrl(url);
      fetched.set(url, result);
    }
    return result;
  };
}
