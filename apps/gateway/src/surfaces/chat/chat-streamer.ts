// stream: true. Before the first byte, failures are ordinary HTTP errors (and are retried/fallen back);
// after it, a failure becomes an SSE error event and a clean end. A client that disconnects aborts the
// Bedrock call; whatever was used is booked either way.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { ConverseStreamCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError, type ChatCompletionChunk, type ChatCompletionRequest } from '@quarry/openai';
import {
  ConverseStreamTranslator,
  SSE_DONE,
  toOpenAIError,
  toSseLine,
  withCallSignal,
  type TranslationContext,
} from '@quarry/bedrock';
import { LOGGER } from '../../platform/logging/logger.token';
import { ShutdownSignal } from '../../platform/shutdown/shutdown-signal';
import { SpendWriter } from '../../spend/spend-writer.service';
import type { ChatCall } from './chat-call';
import { CallDeadline } from '../../invocation/call-deadline';
import { completionId } from './completion-id';
import { estimateUsage } from './estimate-usage';
import { invokeWithFallbacks } from '../../invocation/invoke-with-fallbacks';
import type { PreparedDeployment } from '../../invocation/deployments/prepared-deployment';
import { SseResponse } from '../../invocation/streaming/sse-response';

type Translate = (
  deployment: PreparedDeployment,
) => Promise<{ input: ConverseCommandInput; context: TranslationContext }>;

/** What Nginx and friends log for a client that closed the connection. */
export const CLIENT_CLOSED_REQUEST = 499;

function clientClosedRequest(): OpenAIError {
  return new OpenAIError(
    CLIENT_CLOSED_REQUEST,
    'Client closed the request',
    'invalid_request_error',
    null,
    'client_closed_request',
  );
}

function shuttingDown(): OpenAIError {
  return new OpenAIError(
    503,
    'The gateway is shutting down; retry the request',
    'server_error',
    null,
    'shutting_down',
  );
}

@Injectable()
export class ChatStreamer {
  constructor(
    private readonly shutdown: ShutdownSignal,
    private readonly spend: SpendWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async stream(
    call: ChatCall,
    chatRequest: ChatCompletionRequest,
    candidates: PreparedDeployment[],
    translate: Translate,
    reply: FastifyReply,
  ): Promise<void> {
    const sse = new SseResponse(reply);
    const deadline = new CallDeadline(candidates[0].timeoutMs, [this.shutdown.signal, sse.clientGone]);
    sse.cancel = deadline.signal;
    try {
      await this.relay(call, chatRequest, candidates, translate, sse, deadline.signal);
    } finally {
      deadline.dispose();
    }
  }

  private async relay(
    call: ChatCall,
    chatRequest: ChatCompletionRequest,
    candidates: PreparedDeployment[],
    translate: Translate,
    sse: SseResponse,
    callSignal: AbortSignal,
  ): Promise<void> {
    let opened;
    try {
      opened = await invokeWithFallbacks(candidates, callSignal, async (candidate) => {
        const { input } = await translate(candidate);
        call.deployment = candidate;
        // send() resolves once the first event has arrived, so every retry happens before our first byte.
        return candidate.runtime.send(new ConverseStreamCommand(withCallSignal(input, callSignal)));
      });
    } catch (error) {
      // Nobody is left to answer: book it as aborted (499), not as a gateway failure.
      if (sse.clientGone.aborted) throw clientClosedRequest();
      throw error;
    }
    const { result, deployment } = opened;
    call.deployment = deployment;
    const { input, context } = await translate(deployment);
    const translator = new ConverseStreamTranslator({
      id: completionId(),
      created: Math.floor(Date.now() / 1000),
      model: chatRequest.model,
      context,
      includeUsage: chatRequest.stream_options?.include_usage === true,
    });

    sse.start();
    let streamedCharacters = 0;
    const send = async (chunks: readonly ChatCompletionChunk[]) => {
      for (const chunk of chunks) {
        const delta = chunk.choices[0]?.delta;
        if (delta) {
          const size =
            (delta.content?.length ?? 0) + (delta.reasoning_content?.length ?? 0) + toolArgumentLength(delta);
          if (size > 0) {
            call.markFirstToken();
            streamedCharacters += size;
          }
        }
        const backpressure = sse.write(toSseLine(chunk));
        if (backpressure) await backpressure;
      }
    };

    let status: 'success' | 'error' | 'aborted' = 'success';
    let httpStatus = 200;
    let errorType: string | undefined;
    try {
      for await (const event of result.stream ?? []) await send(translator.translate(event));
      await send(translator.finish());
      sse.write(SSE_DONE);
    } catch (error) {
      if (sse.clientGone.aborted) {
        status = 'aborted';
        httpStatus = CLIENT_CLOSED_REQUEST;
      } else {
        // Our deadline cut the stream: report the timeout (408), not the socket error it caused.
        const cause = callSignal.aborted ? callSignal.reason : error;
        const openAIError = this.shutdown.signal.aborted ? shuttingDown() : toOpenAIError(cause);
        status = 'error';
        httpStatus = openAIError.status;
        errorType = openAIError.code ?? openAIError.type;
        this.logger.warn(
          { reqId: call.requestId, status: httpStatus, errorType },
          'stream failed after the first byte',
        );
        sse.write(`data: ${JSON.stringify(openAIError.toBody())}\n\n`);
        sse.write(SSE_DONE);
      }
    } finally {
      // Bedrock reports usage only at the end; a stream cut short is booked on an estimate instead.
      call.usage = translator.usageReceived ? translator.usage : estimateUsage(input, streamedCharacters);
      sse.end();
      this.spend.record(call.toSpendRecord(status, httpStatus, errorType));
    }
  }
}

function toolArgumentLength(delta: NonNullable<ChatCompletionChunk['choices'][number]['delta']>): number {
  let length = 0;
  for (const toolCall of delta.tool_calls ?? []) length += toolCall.function?.arguments?.length ?? 0;
  return length;
}
