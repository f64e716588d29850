// POST /v1/chat/completions: validate → resolve the model for this principal → translate to Converse →
// call Bedrock (retries and fallbacks before the first byte) → translate back → book spend.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import {
  OpenAIError,
  parseChatCompletionRequest,
  type ChatCompletion,
  type ChatCompletionRequest,
} from '@quarry/openai';
import {
  fetchPublicUrl,
  fromConverseResponse,
  toConverseRequest,
  toOpenAIError,
  withCallSignal,
  type FetchImage,
  type TranslationContext,
} from '@quarry/bedrock';
import type { Principal } from '../../tenancy/auth/principal';
import { ModelAccessService } from '../../tenancy/access/model-access.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { SpendWriter } from '../../spend/spend-writer.service';
import { CallDeadline } from '../../invocation/call-deadline';
import { ChatCall } from './chat-call';
import { ChatStreamer, CLIENT_CLOSED_REQUEST } from './chat-streamer';
import { completionId, RESPONSE_COST_HEADER } from './completion-id';
import { DeploymentPreparer } from '../../invocation/deployments/deployment-preparer';
import { invokeWithFallbacks } from '../../invocation/invoke-with-fallbacks';
import type { PreparedDeployment } from '../../invocation/deployments/prepared-deployment';

@Injectable()
export class ChatService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentPreparer,
    private readonly spend: SpendWriter,
    private readonly streamer: ChatStreamer,
  ) {}

  async complete(
    principal: Principal,
    body: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ChatCompletion | void> {
    const call = new ChatCall(request.id, principal, requestedModelOf(body));
    try {
      const chatRequest = parseChatCompletionRequest(body);
      call.request = chatRequest;
      const candidates = this.deployments.prepareAll(this.access.resolve(principal, chatRequest.model));
      const primary = candidates[0];
      this.assertConverseRoute(primary, chatRequest.model);
      const translations = new Map<
        PreparedDeployment,
        { input: ConverseCommandInput; context: TranslationContext }
      >();
      // Images are fetched once per request, however many deployments the request is translated for.
      const fetchImage = fetchOncePerUrl();
      const translate = async (deployment: PreparedDeployment) => {
        let translated = translations.get(deployment);
        if (!translated) {
          translated = await this.translate(chatRequest, deployment, fetchImage);
          translations.set(deployment, translated);
        }
        return translated;
      };
      // Translate for the primary deployment first: a bad request fails here, before any Bedrock call.
      await translate(primary);

      if (chatRequest.stream) {
        await this.streamer.stream(call, chatRequest, candidates, translate, reply);
        return;
      }
      const deadline = new CallDeadline(primary.timeoutMs);
      const { result, deployment } = await invokeWithFallbacks(
        candidates,
        deadline.signal,
        async (candidate) => {
          const { input } = await translate(candidate);
          call.deployment = candidate;
          return candidate.runtime.send(new ConverseCommand(withCallSignal(input, deadline.signal)));
        },
      ).finally(() => deadline.dispose());
      call.deployment = deployment;
      call.markFirstToken();
      const { completion, usage } = fromConverseResponse(result, {
        id: completionId(),
        created: Math.floor(Date.now() / 1000),
        model: chatRequest.model,
        context: (await translate(deployment)).context,
      });
      call.usage = usage;
      reply.header(RESPONSE_COST_HEADER, String(call.cost));
      this.spend.record(call.toSpendRecord('success', 200));
      return completion;
    } catch (error) {
      const openAIError = error instanceof OpenAIError ? error : toOpenAIError(error);
      if (!reply.sent) {
        const status = openAIError.status === CLIENT_CLOSED_REQUEST ? 'aborted' : 'error';
        this.spend.record(
          call.toSpendRecord(status, openAIError.status, openAIError.code ?? openAIError.type),
        );
      }
      throw openAIError;
    }
  }

  private translate(
    chatRequest: ChatCompletionRequest,
    deployment: PreparedDeployment,
    fetchImage: FetchImage,
  ) {
    return toConverseRequest(chatRequest, {
      modelId: deployment.route.modelId,
      capabilities: deployment.capabilities,
      dropParams: chatRequest.drop_params === true || deployment.dropParams,
      modifyParams: this.config.settings.modifyParams,
      userContinueMessage:
        typeof chatRequest.user_continue_message === 'string' ? chatRequest.user_continue_message : undefined,
      deploymentParams: deployment.providerParams,
      stream: chatRequest.stream === true,
      fetchImage,
    });
  }

  private assertConverseRoute(deployment: PreparedDeployment, model: string): void {
    if (deployment.route.kind === 'converse') return;
    throw OpenAIError.badRequest(
      `Model "${model}" is served through Bedrock ${deployment.route.kind === 'agent' ? 'Agents' : 'InvokeModel'}, which chat completions do not support yet; use a bedrock/converse/ deployment`,
      'model',
      'unsupported_route',
    );
  }
}

function requestedModelOf(body: unknown): string {
  const model = (body as { model?: unknown } | null)?.model;
  return typeof model === 'string' && model.length > 0 ? model.slice(0, 256) : 'unknown';
}

/** The SSRF-guarded fetch, remembering each URL's result (or failure) for the rest of the request. */
function fetchOncePerUrl(): FetchImage {
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
