// Answers batch records one line at a time, as Bedrock's batch runner does: a bad line becomes an
// error line in the output, never a failed job.
import { answerConverse, answerInvokeModel } from '../runtime/model-answers';
import { isRecord } from '../service-support/request-body';
import type { ModelInvocationType } from './batch-job';

export interface RecordOutcome {
  /** The `.out` line: {recordId, modelInput, modelOutput} or {recordId, modelInput, error}. */
  line: Record<string, unknown>;
  succeeded: boolean;
  inputTokens: number;
  outputTokens: number;
}

export interface Manifest {
  totalRecordCount: number;
  processedRecordCount: number;
  successRecordCount: number;
  errorRecordCount: number;
  inputTokenCount: number;
  outputTokenCount: number;
}

/** Ids Bedrock adds to records that have none; 11 characters like its own, unique within the job. */
export function generatedRecordId(position: number): string {
  return `RECORD${String(position).padStart(5, '0')}`;
}

export function answerRecord(
  lineText: string,
  position: number,
  modelId: string,
  invocationType: ModelInvocationType,
): RecordOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(lineText);
  } catch {
    return failure(generatedRecordId(position), undefined, 400, 'The record is not valid JSON.');
  }
  if (!isRecord(parsed))
    return failure(generatedRecordId(position), undefined, 400, 'The record must be a JSON object.');
  const recordId =
    typeof parsed.recordId === 'string' && parsed.recordId.length > 0
      ? parsed.recordId
      : generatedRecordId(position);
  const modelInput = parsed.modelInput;
  if (!isRecord(modelInput))
    return failure(recordId, modelInput, 400, 'The record has no modelInput object.');

  const answer =
    invocationType === 'Converse'
      ? answerConverse(modelId, modelInput)
      : answerInvokeModel(modelId, modelInput);
  if (!answer.ok) return failure(recordId, modelInput, answer.status, answer.message);
  return {
    line: { recordId, modelInput, modelOutput: answer.body },
    succeeded: true,
    inputTokens: answer.inputTokens,
    outputTokens: answer.outputTokens,
  };
}

/** A record answered with a model error (emulator fault record-error:N). */
export function faultedRecord(lineText: string, position: number): RecordOutcome {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(lineText) as Record<string, unknown>;
  } catch {
    // an unparseable line keeps its generated id
  }
  const recordId = typeof parsed.recordId === 'string' ? parsed.recordId : generatedRecordId(position);
  return failure(
    recordId,
    parsed.modelInput,
    500,
    'The model returned an error (emulator fault record-error).',
  );
}

function failure(
  recordId: string,
  modelInput: unknown,
  errorCode: number,
  errorMessage: string,
): RecordOutcome {
  const line: Record<string, unknown> = { recordId };
  if (modelInput !== undefined) line.modelInput = modelInput;
  line.error = { errorCode, errorMessage };
  return { line, succeeded: false, inputTokens: 0, outputTokens: 0 };
}

export function emptyManifest(totalRecordCount: number): Manifest {
  return {
    totalRecordCount,
    processedRecordCount: 0,
    successRecordCount: 0,
    errorRecordCount: 0,
    inputTokenCount: 0,
    outputTokenCount: 0,
  };
}

export function addToManifest(manifest: Manifest, outcome: RecordOutcome): void {
  manifest.processedRecordCount += 1;
  if (outcome.succeeded) manifest.successRecordCount += 1;
  else manifest.errorRecordCount += 1;
  manifest.inputTokenCount += outcome.inputTokens;
  manifest.outputTokenCount += outcome.outputTokens;
}
