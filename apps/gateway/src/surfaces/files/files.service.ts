// /v1/files: batch uploads are validated line by line, translated into the batch deployment's Bedrock
// records and written to its S3 bucket (the client's own lines beside them, for /content); output files
// are the worker's. Chat input files (user_data, …) are checked for a type and size Bedrock takes and
// kept in Postgres (no S3 needed). Every read goes through the caller's owner scope: another team's file
// does not exist.
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  deleteBatchObject,
  getBatchObject,
  keyIn,
  putBatchObject,
  s3Uri,
  type BatchStorage,
} from '@quarry/bedrock';
import { BatchesRepository, BatchFilesRepository, type BatchFileRecord } from '@quarry/db';
import { DEFAULT_BATCH_INPUT_LIMITS, lineError, OpenAIError, parseBatchInput } from '@quarry/openai';
import { inputFileFormatOf } from '@quarry/bedrock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../../platform/http/json-body-limits';
import type { Principal } from '../../tenancy/auth/principal';
import { BatchDeployments } from './batch-deployment';
import { toBatchRecords } from './batch-records';
import { fileObject, listLimitOf, listOf } from './file-object';
import { ownerOf, ownerScopeOf } from '../../tenancy/auth/owner-scope-of';
import { INPUT_FILE_PURPOSES, type UploadForm } from './upload-form';

export const BEDROCK_INPUT_NAME = 'bedrock-input.jsonl';
/** Each line is held to the nesting cap of a JSON request body (plus the line's own two levels). */
const INPUT_LIMITS = {
  ...DEFAULT_BATCH_INPUT_LIMITS,
  nestsTooDeep: (line: string) => jsonNestsDeeperThan(line, MAX_JSON_DEPTH + 2),
};

@Injectable()
export class FilesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: BatchFilesRepository,
    private readonly batches: BatchesRepository,
    private readonly deployments: BatchDeployments,
  ) {}

  async upload(principal: Principal, form: UploadForm) {
    if (INPUT_FILE_PURPOSES.has(form.purpose)) return this.uploadInputFile(principal, form);
    const lines = parseBatchInput(form.content.toString('utf8'), INPUT_LIMITS);
    const target = targetModelOf(form.targetModels, lines);
    const deployment = this.deployments.forModel(principal, target);
    const records = await toBatchRecords(lines, deployment, {
      modifyParams: this.config.settings.modifyParams,
    });
    const id = newFileId();
    const folder = keyIn(deployment.batch.input, `quarry/files/${id}`);
    const contentKey = s3Uri(deployment.batch.input.bucket, `${folder}/input.jsonl`);
    const bedrockKey = s3Uri(deployment.batch.input.bucket, `${folder}/${BEDROCK_INPUT_NAME}`);
    await putBatchObject(deployment.batch, contentKey, form.content.toString('utf8'));
    await putBatchObject(deployment.batch, bedrockKey, records.jsonl);
    const file = await this.files.create({
      id,
      ...ownerOf(principal),
      purpose: 'batch',
      filename: form.filename,
      bytes: form.content.length,
      modelName: target,
      deploymentId: deployment.deployment.id,
      contentKey,
      bedrockKey,
      recordCount: records.infos.length,
      records: records.infos,
    });
    return fileObject(file);
  }

  /** A file a chat names by file_id: refused at upload unless Bedrock can take it as a document or image. */
  private async uploadInputFile(principal: Principal, form: UploadForm) {
    const { format } = inputFileFormatOf(form.filename, form.contentType, form.content);
    const file = await this.files.createInputFile({
      id: newFileId(),
      ...ownerOf(principal),
      purpose: form.purpose,
      filename: form.filename,
      format,
      data: form.content,
    });
    return fileObject(file);
  }

  async list(principal: Principal, query: Record<string, unknown>) {
    const limit = listLimitOf(query.limit, 10_000);
    const after = typeof query.after === 'string' ? query.after : undefined;
    const purpose = typeof query.purpose === 'string' ? query.purpose : undefined;
    const rows = await this.files.list(ownerScopeOf(principal), { after, limit: limit + 1 }, purpose);
    return listOf(rows.slice(0, limit).map(fileObject), rows.length > limit);
  }

  async retrieve(principal: Principal, id: string) {
    return fileObject(await this.find(principal, id));
  }

  async content(principal: Principal, id: string): Promise<string | Buffer> {
    const file = await this.find(principal, id);
    if (!file.contentKey) {
      const data = await this.files.contentOf(ownerScopeOf(principal), id);
      if (!data) throw fileNotFound(id);
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    }
    return getBatchObject(this.storageOf(file), file.contentKey);
  }

  async delete(principal: Principal, id: string) {
    const file = await this.find(principal, id);
    // The worker reads the input file's record map when the job ends.
    if (await this.batches.hasOpenBatchFor(id))
      throw OpenAIError.badRequest(
        `File ${id} is the input of a batch that has not ended yet`,
        'file_id',
        'file_in_use',
      );
    if (!(await this.files.delete(ownerScopeOf(principal), id))) throw fileNotFound(id);
    // A chat input file's bytes went with its row (file_contents cascades).
    if (!file.deploymentId) return { id, object: 'file' as const, deleted: true };
    const storage = this.storageOf(file);
    for (const location of [file.contentKey, file.bedrockKey])
      if (location) await deleteBatchObject(storage, location).catch(() => undefined);
    return { id, object: 'file' as const, deleted: true };
  }

  async find(principal: Principal, id: string): Promise<BatchFileRecord> {
    const file = await this.files.find(ownerScopeOf(principal), id);
    if (!file) throw fileNotFound(id);
    return file;
  }

  /** The S3 settings of the file's deployment, whoever reads it (output files outlive key access). */
  storageOf(file: BatchFileRecord): BatchStorage {
    if (!file.deploymentId)
      throw OpenAIError.badRequest(`File ${file.id} is not a batch file`, 'file_id', 'not_a_batch_file');
    return this.deployments.storageOfDeployment(file.deploymentId);
  }
}

function newFileId(): string {
  return `file-${randomBytes(12).toString('hex')}`;
}

export function fileNotFound(id: string): OpenAIError {
  return new OpenAIError(404, `No such File object: ${id}`, 'not_found_error', 'file_id', 'file_not_found');
}

/** The one target model of an upload: the one given, or the one every line names. */
function targetModelOf(targets: readonly string[], lines: ReturnType<typeof parseBatchInput>): string {
  if (targets.length > 1)
    throw OpenAIError.badRequest('Give one target model per file (target_model_names)', 'target_model_names');
  const target = targets[0] ?? lines[0].body.model;
  for (const line of lines)
    if (line.body.model !== target)
      throw lineError(
        line.line,
        `body.model "${line.body.model}" is not the file's target model "${target}"`,
        'body.model',
      );
  return target;
}
