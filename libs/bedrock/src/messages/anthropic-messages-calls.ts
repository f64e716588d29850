// The Bedrock calls behind the Messages API on Claude: InvokeModel (whole answer),
// InvokeModelWithResponseStream (Anthropic's own events, one per chunk) and CountTokens, each with the
// Anthropic body of anthropic-body.ts.
import {
  CountTokensCommand,
  type BedrockRuntimeClient,
  type InvokeModelCommandInput,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../clients/call-signal';
import { invocationMetricsOf } from '../clients/invocation-metrics';
import { invokeModel, invokeModelStream } from '../chat/invoke/invoke-calls';
import { parseBody } from '../chat/invoke/invoke-response';
import type { TokenUsage } from '../pricing/token-usage';
import type { AnthropicBody } from './anthropic-body';
import { tokenUsageFromAnthropic } from './anthropic-usage';

export function anthropicInvokeInput(modelId: string, body: AnthropicBody): InvokeModelCommandInput {
  return {
    modelId,
    contentType: 'application/json',
    accept: 'application/json',
    body: Buffer.from(JSON.stringify(body)),
  };
}

/** Claude's answer as Bedrock sent it (Anthropic's message object), and its usage. */
export async function invokeAnthropic(
  runtime: BedrockRuntimeClient,
  input: InvokeModelCommandInput,
  signal: AbortSignal,
): Promise<{ message: AnthropicBody; usage: TokenUsage }> {
  const output = await invokeModel(runtime, input, signal);
  const message = parseBody(output.body);
  // The body's usage splits cache reads and writes; the headers are the fallback Bedrock always sends.
  const usage =
    message.usage !== undefined ? tokenUsageFromAnthropic(message.usage) : invocationMetricsOf(output);
  return { message, usage: usage ?? tokenUsageFromAnthropic(undefined) };
}

export async function openAnthropicStream(
  runtime: BedrockRuntimeClient,
  input: InvokeModelCommandInput,
  signal: AbortSignal,
): Promise<AsyncIterable<ResponseStream>> {
  const opened = await invokeModelStream(runtime, input, signal);
  return opened.body ?? noChunks();
}

/** The input tokens Bedrock would bill for this body (CountTokens takes the InvokeModel form). */
export async function countAnthropicTokens(
  runtime: BedrockRuntimeClient,
  modelId: string,
  body: AnthropicBody,
  signal: AbortSignal,
): Promise<number> {
  const output = await runtime.send(
    new CountTokensCommand(
      withCallSignal(
        { modelId, input: { invokeModel: { body: Buffer.from(JSON.stringify(body)) } } },
        signal,
      ),
    ),
  );
  return output.inputTokens ?? 0;
}

async function* noChunks(): AsyncGenerator<ResponseStream> {}
