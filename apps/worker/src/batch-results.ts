// A finished job's `.out` lines → the batch's output and error files in OpenAI's batch output format
// (custom ids restored, bodies as the live route answers) and one spend row per request at batch prices.
// Requests Bedrock wrote no line for are error lines too, so every custom_id is accounted for.
import { randomBytes } from 'node:crypto';
import { toBatchOutputLine, type BatchOutputMeta, type BatchRecordInfo } from '@quarry/bedrock';
import type { BatchRecord, SpendRecord } from '@quarry/db';

export interface BatchResults {
  output: string[];
  errors: string[];
  spend: SpendRecord[];
}

export function batchResults(
  outText: string,
  infos: readonly BatchRecordInfo[],
  batch: BatchRecord,
  meta: Omit<BatchOutputMeta, 'newId'> & { bedrockModel: string; endedAt: Date },
): BatchResults {
  const results: BatchResults = { output: [], errors: [], spend: [] };
  const answered = new Set<number>();
  const newId = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
  for (const text of outText.split('\n')) {
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      continue; // a torn line names no record; the record is reported below as unanswered
    }
    const converted = toBatchOutputLine(raw, infos, { ...meta, newId });
    if (converted.index === undefined || !converted.info || answered.has(converted.index)) continue;
    answered.add(converted.index);
    (converted.succeeded ? results.output : results.errors).push(JSON.stringify(converted.line));
    const usage = converted.usage;
    const status = Number((converted.line.response as { status_code?: number } | null)?.status_code) || 500;
    results.spend.push({
      requestId: `${batch.id}/${converted.info.customId}`.slice(0, 600),
      callType: 'batch',
      keyId: batch.keyId ?? undefined,
      teamId: batch.teamId ?? undefined,
      userId: batch.userId ?? undefined,
      endUser: converted.info.user,
      modelName: batch.modelName,
      deploymentId: batch.deploymentId,
      bedrockModel: meta.bedrockModel,
      promptTokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
      completionTokens: usage.outputTokens,
      cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens,
      cost: converted.cost,
      latencyMs: 0,
      status: converted.succeeded ? 'success' : 'error',
      httpStatus: status,
      errorType: converted.succeeded ? undefined : 'bedrock_record_error',
      startTime: meta.endedAt,
    });
  }
  infos.forEach((info, index) => {
    if (answered.has(index)) return;
    results.errors.push(
      JSON.stringify({
        id: newId('batch_req_'),
        custom_id: info.customId,
        response: null,
        error: { code: 'no_output', message: 'Bedrock wrote no result for this request' },
      }),
    );
  });
  return results;
}
