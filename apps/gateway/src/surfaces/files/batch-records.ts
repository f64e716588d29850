// The validated lines of an upload → Bedrock batch records for one deployment, each translated exactly
// as the live route translates that request (chat: the Converse translation with the deployment's
// switches and params; embeddings: the embedding plan), then put in the family's batch body. A line the
// translation refuses is a 400 naming the line. Images must be data URLs: nothing is fetched for a batch.
import {
  batchRecordFormat,
  chatRecordInfo,
  chatRecordInput,
  embeddingBodyKindOf,
  embeddingRecordInput,
  recordIdOf,
  toConverseRequest,
  toEmbeddingPlan,
  type BatchRecordFormat,
  type BatchRecordInfo,
} from '@quarry/bedrock';
import { lineError, OpenAIError, type BatchInputLine } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { chatSwitches, type ChatSettings } from '../chat/chat-translation';

export interface BatchRecords {
  format: BatchRecordFormat;
  /** The Bedrock JSONL, one `{recordId, modelInput}` per line. */
  jsonl: string;
  infos: BatchRecordInfo[];
}

export async function toBatchRecords(
  lines: readonly BatchInputLine[],
  deployment: ResolvedDeployment,
  settings: ChatSettings,
): Promise<BatchRecords> {
  const format = batchRecordFormat(deployment.route, lines[0].url);
  const records: string[] = [];
  const infos: BatchRecordInfo[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      const { modelInput, info } = await recordOf(line, format, deployment, settings);
      records.push(JSON.stringify({ recordId: recordIdOf(index), modelInput }));
      infos.push(info);
    } catch (error) {
      if (error instanceof OpenAIError && !error.message.startsWith('Line '))
        throw lineError(line.line, error.message, error.param ? `body.${error.param}` : 'body');
      throw error;
    }
  }
  return { format, jsonl: `${records.join('\n')}\n`, infos };
}

async function recordOf(
  line: BatchInputLine,
  format: BatchRecordFormat,
  deployment: ResolvedDeployment,
  settings: ChatSettings,
): Promise<{ modelInput: Record<string, unknown>; info: BatchRecordInfo }> {
  const embeddingKind = embeddingBodyKindOf(deployment.route.baseModelId);
  if (line.url === '/v1/embeddings') {
    const plan = toEmbeddingPlan(line.body, {
      baseModelId: deployment.route.baseModelId,
      dropParams: line.body.drop_params === true || deployment.dropParams,
    });
    const info: BatchRecordInfo = { customId: line.customId, embeddingKind: plan.kind };
    if (line.body.encoding_format) info.encodingFormat = line.body.encoding_format;
    if (line.body.user) info.user = line.body.user;
    return { modelInput: embeddingRecordInput(plan, line.line), info };
  }
  if (embeddingKind)
    throw OpenAIError.badRequest(
      `Model "${line.body.model}" is an embedding model; use url /v1/embeddings`,
      'model',
    );
  const translated = await toConverseRequest(line.body, {
    modelId: deployment.route.modelId,
    capabilities: deployment.capabilities,
    ...chatSwitches(line.body, deployment, settings),
    deploymentParams: deployment.providerParams,
    stream: false,
    fetchImage: async () => {
      throw OpenAIError.badRequest(
        'images in a batch must be data URLs (nothing is fetched for a batch)',
        'messages',
      );
    },
  });
  return {
    modelInput: chatRecordInput(format, translated),
    info: chatRecordInfo(line.customId, translated, line.body.user ?? undefined),
  };
}
