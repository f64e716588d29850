// One OpenAI batch line → one Bedrock batch record {recordId, modelInput}, from the same translation the
// live route makes (Converse for chat, the embedding plan for embeddings), in the body the deployment's
// family takes on InvokeModel: Anthropic Messages for Claude, Nova's messages-v1, Titan and Cohere
// embedding bodies. Other chat families run the job with modelInvocationType Converse, whose records
// are Converse bodies. Alongside each record: what the output side needs to answer as the live route.
import type { ConverseRequest } from '../chat/converse/converse-request';
import type { EmbeddingBodyKind } from '../embeddings/embedding-models';
import type { EmbeddingPlan } from '../embeddings/embeddings-request';
import type { BedrockRoute } from '../route';
import { OpenAIError, type BatchEndpoint } from '@quarry/openai';
import { toAnthropicMessagesBody } from './anthropic-messages-body';
import { converseInputJson } from './converse-json';
import { toNovaBody } from './nova-body';

export type BatchRecordFormat = 'anthropic' | 'nova' | 'converse' | 'embedding';
export type BatchInvocationType = 'InvokeModel' | 'Converse';

/** Per record, kept with the file: the client's id and what the response side must undo. */
export interface BatchRecordInfo {
  customId: string;
  /** Bedrock tool name → the client's, when they differ. */
  toolNames?: Array<[string, string]>;
  /** JSON mode through a forced tool: that tool's Bedrock name. */
  jsonTool?: string;
  jsonNative?: true;
  embeddingKind?: EmbeddingBodyKind;
  encodingFormat?: 'float' | 'base64';
  /** The OpenAI `user` (end user) the record's cost is booked to. */
  user?: string;
}

export function batchRecordFormat(route: BedrockRoute, endpoint: BatchEndpoint): BatchRecordFormat {
  if (endpoint === '/v1/embeddings') return 'embedding';
  if (route.family === 'anthropic') return 'anthropic';
  if (route.family === 'amazon-nova') return 'nova';
  return 'converse';
}

export function invocationTypeOf(format: BatchRecordFormat): BatchInvocationType {
  return format === 'converse' ? 'Converse' : 'InvokeModel';
}

/** Bedrock record ids: 11 characters, unique in the job, in line order. */
export function recordIdOf(index: number): string {
  return `CALL${String(index + 1).padStart(7, '0')}`;
}

export function recordIndexOf(recordId: string): number | undefined {
  const match = /^CALL(\d{7})$/.exec(recordId);
  return match ? Number(match[1]) - 1 : undefined;
}

export function chatRecordInput(
  format: BatchRecordFormat,
  translated: ConverseRequest,
): Record<string, unknown> {
  switch (format) {
    case 'anthropic':
      return toAnthropicMessagesBody(translated.input);
    case 'nova':
      return toNovaBody(translated.input);
    case 'converse':
      return converseInputJson(translated.input);
    case 'embedding':
      throw new Error('a chat request has no embedding record');
    default: {
      const unknown: never = format;
      throw new Error(`unhandled batch record format ${String(unknown)}`);
    }
  }
}

export function chatRecordInfo(
  customId: string,
  translated: ConverseRequest,
  user?: string,
): BatchRecordInfo {
  const info: BatchRecordInfo = { customId };
  const renamed = [...translated.context.toolNames].filter(([bedrock, client]) => bedrock !== client);
  if (renamed.length > 0) info.toolNames = renamed;
  const jsonMode = translated.context.jsonMode;
  if (jsonMode.kind === 'tool') info.jsonTool = jsonMode.toolName;
  if (jsonMode.kind === 'native') info.jsonNative = true;
  if (user) info.user = user;
  return info;
}

/** An embedding record is one Bedrock call: a line whose input needs several (Titan: one per input) is refused. */
export function embeddingRecordInput(plan: EmbeddingPlan, line: number): Record<string, unknown> {
  if (plan.calls.length !== 1)
    throw OpenAIError.badRequest(
      `Line ${line}: this model embeds one input per call, so a batch line may carry only one input`,
      `line ${line}: body.input`,
      'invalid_batch_line',
    );
  return plan.calls[0].body;
}
