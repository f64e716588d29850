// Entry point of the request side: a validated OpenAI chat request → the Converse / ConverseStream input
// plus the TranslationContext the response side needs to undo renames and JSON mode.
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionRequest } from '@quarry/openai';
import type { ModelCapabilities } from '../../capabilities/model-capabilities';
import type { ConverseDraft, JsonDocument } from './converse-draft';
import type { FetchImage } from './images';
import { prefetchInputFiles, type FetchInputFiles } from './input-files';
import { prefetchMedia } from './media-urls';
import { toInferenceConfig } from './inference-params';
import { toConverseConversation } from './messages';
import { applyProviderParams, withDeploymentDefaults } from './provider-params';
import type { ServiceTier } from '../../pricing/service-tier';
import { serviceTierOf } from './call-service-tier';
import { applyReasoning } from './reasoning';
import { applyResponseFormat } from './response-format';
import { applyParallelToolCalls, applyTools, ensureToolConfigForHistory } from './tools';
import type { TranslationContext } from './translation-context';
import { TranslationState } from './translation-state';
import { rejectUnsupportedParams } from './unsupported-params';

export interface ConverseRequestOptions {
  /** What goes in the path (base id, profile id or ARN); copied to `input.modelId`. */
  modelId: string;
  capabilities: ModelCapabilities;
  /** Drop unsupported OpenAI params instead of answering 400 (per request `drop_params` or config). */
  dropParams: boolean;
  /** LiteLLM `modify_params`: fix up conversations Bedrock would refuse. */
  modifyParams: boolean;
  /** LiteLLM `user_continue_message`: the user turn inserted when one is required. */
  userContinueMessage?: string;
  /** Extra litellm_params of the deployment (guardrailConfig, performanceConfig, top_k, …), under the request's own. */
  deploymentParams: Record<string, unknown>;
  /** Injected: the SSRF-guarded fetch in production. */
  fetchImage: FetchImage;
  /** Injected: the caller's stored files by id (file parts with a file_id); absent, file ids are refused. */
  fetchFiles?: FetchInputFiles;
  /** True for ConverseStream (enables guardrailConfig.streamProcessingMode). */
  stream?: boolean;
}

export interface ConverseRequest {
  /** Also valid as ConverseStreamCommandInput (same members; guardrailConfig may carry streamProcessingMode). */
  input: ConverseCommandInput;
  context: TranslationContext;
}

export async function toConverseRequest(
  clientRequest: ChatCompletionRequest,
  options: ConverseRequestOptions,
): Promise<ConverseRequest> {
  const { capabilities, dropParams, modifyParams } = options;
  const request = withDeploymentDefaults(clientRequest, options.deploymentParams);
  rejectUnsupportedParams(request, dropParams);

  // Remote media and stored files side by side; without file ids, nothing is looked up or awaited for them.
  const files = prefetchInputFiles(request.messages, options.fetchFiles);
  const media = prefetchMedia(request.messages, options.fetchImage);
  const [prefetchedMedia, inputFiles] =
    files instanceof Promise ? await Promise.all([media, files]) : [await media, files];
  const state = new TranslationState(
    capabilities.family,
    capabilities.supportsPromptCaching,
    modifyParams,
    prefetchedMedia,
    inputFiles,
    capabilities.supportsPdfInput,
  );
  const conversation = toConverseConversation(
    request.messages,
    state,
    options.userContinueMessage ?? continueMessageOf(request),
  );
  const draft: ConverseDraft = {
    capabilities,
    state,
    system: conversation.system,
    messages: conversation.messages,
    containsToolBlocks: conversation.containsToolBlocks,
    inferenceConfig: toInferenceConfig(request, modifyParams, capabilities.maxOutputTokens),
    tools: [],
    toolChoice: undefined,
    additionalFields: {},
    outputConfig: undefined,
    jsonMode: { kind: 'none' },
    topLevel: {},
  };

  applyTools(draft, request, dropParams);
  ensureToolConfigForHistory(draft);
  applyResponseFormat(draft, request, dropParams);
  applyProviderParams(draft, request, {
    deploymentParams: options.deploymentParams,
    dropParams,
    stream: options.stream ?? false,
  });
  applyReasoning(draft, request, { dropParams, modifyParams });
  applyParallelToolCalls(draft, request);

  return {
    input: toInput(options.modelId, draft),
    context: {
      toolNames: state.toolNames.reverseMap,
      jsonMode: draft.jsonMode,
      capabilities,
      ...withTier(serviceTierOf(draft.topLevel as Parameters<typeof serviceTierOf>[0])),
      ...(asksForGuardrailTrace(draft.topLevel.guardrailConfig) ? { guardrailTrace: true } : {}),
    },
  };
}

/** 'enabled' and 'enabled_full' make Bedrock send `trace.guardrail`; 'disabled' or no trace does not. */
function asksForGuardrailTrace(guardrailConfig: unknown): boolean {
  const trace = (guardrailConfig as { trace?: unknown } | undefined)?.trace;
  return trace === 'enabled' || trace === 'enabled_full';
}

function withTier(serviceTier: ServiceTier | undefined): { serviceTier?: ServiceTier } {
  return serviceTier ? { serviceTier } : {};
}

/** LiteLLM also accepts `user_continue_message` in the request body, as a string or a message. */
function continueMessageOf(request: ChatCompletionRequest): string | undefined {
  const value = request.user_continue_message;
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.content;
}

/** Only members that carry something: Bedrock refuses some empty ones (an empty toolConfig.tools). */
function toInput(modelId: string, draft: ConverseDraft): ConverseCommandInput {
  const input: ConverseCommandInput = { modelId, messages: draft.messages };
  if (draft.system.length > 0) input.system = draft.system;
  if (Object.keys(draft.inferenceConfig).length > 0) input.inferenceConfig = draft.inferenceConfig;
  if (draft.tools.length > 0) {
    input.toolConfig = draft.toolChoice
      ? { tools: draft.tools, toolChoice: draft.toolChoice }
      : { tools: draft.tools };
  }
  if (Object.keys(draft.additionalFields).length > 0)
    input.additionalModelRequestFields = draft.additionalFields as JsonDocument;
  if (draft.outputConfig) input.outputConfig = draft.outputConfig;
  Object.assign(input, draft.topLevel);
  return input;
}
