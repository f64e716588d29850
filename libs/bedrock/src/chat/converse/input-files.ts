// `file` parts that name a stored file (`{"file": {"file_id": "file-…"}}`, a /v1/files upload with purpose
// user_data) → the file's bytes as a Converse document or image block. Every id of the conversation is
// looked up once, in one call, before translation (and before any Bedrock call); a conversation without
// such parts makes no call at all. The lookup is the caller's (the gateway's, scoped to the caller's team):
// an id it does not return does not exist, whoever owns it.
import type { ChatMessage } from '@quarry/openai';
import { OpenAIError } from '@quarry/openai';
import type { DocumentNamer } from './documents';
import { inputFileFormatFromStored } from './input-file-format';
import { forEachMediaPart } from './each-media-part';
import type { MediaBlock } from './media-urls';

/** A stored file as the lookup returns it; `data` is null for files whose bytes are not kept (batch files). */
export interface StoredInputFile {
  id: string;
  filename: string;
  purpose: string;
  format: string | null;
  data: Uint8Array | null;
}

/** Injected: the caller's files among `ids` (absent ones are not the caller's, or do not exist). */
export type FetchInputFiles = (ids: readonly string[]) => Promise<readonly StoredInputFile[]>;

/** file id → its stored file, looked up before translation. */
export type PrefetchedInputFiles = ReadonlyMap<string, StoredInputFile>;

const NO_INPUT_FILES: PrefetchedInputFiles = new Map();

/**
 * At most this many distinct file ids per request: Converse takes 5 documents and 20 images per request,
 * and without a cap one small body could make the gateway read thousands of files.
 */
export const MAX_FILE_IDS = 25;

/**
 * Looks up every file id of the conversation at once; `fetchFiles` absent: file ids are refused. Without
 * file ids this returns synchronously, with no lookup and no extra await (the common case, on the hot path).
 */
export function prefetchInputFiles(
  messages: readonly ChatMessage[],
  fetchFiles: FetchInputFiles | undefined,
): PrefetchedInputFiles | Promise<PrefetchedInputFiles> {
  const paramById = collectFileIds(messages);
  if (!paramById) return NO_INPUT_FILES;
  if (!fetchFiles) {
    const [param] = paramById.values();
    throw OpenAIError.badRequest(`${param} is not supported here; send the file inline as file_data`, param);
  }
  if (paramById.size > MAX_FILE_IDS)
    throw OpenAIError.badRequest(
      `At most ${MAX_FILE_IDS} files may be named per request (got ${paramById.size})`,
      'messages',
      'too_many_files',
    );
  return lookUp(paramById, fetchFiles);
}

async function lookUp(
  paramById: Map<string, string>,
  fetchFiles: FetchInputFiles,
): Promise<PrefetchedInputFiles> {
  const files = new Map<string, StoredInputFile>();
  for (const file of await fetchFiles([...paramById.keys()])) files.set(file.id, file);
  for (const [id, param] of paramById) if (!files.has(id)) throw fileNotFound(id, param);
  return files;
}

/** The block for a part's `file_id`; `param` names the file_id field. */
export function inputFileBlock(
  id: string,
  param: string,
  files: PrefetchedInputFiles,
  namer: DocumentNamer,
): MediaBlock {
  const file = files.get(id);
  if (!file) throw fileNotFound(id, param);
  const format = inputFileFormatFromStored(file.format);
  if (!file.data || !format)
    throw OpenAIError.badRequest(
      `${param}: file ${id} (purpose ${file.purpose}) cannot be a chat input; upload the file with purpose user_data`,
      param,
      'invalid_file_purpose',
    );
  if (format.kind === 'image') return { image: { format: format.format, source: { bytes: file.data } } };
  return {
    document: { format: format.format, name: namer.nameFor(file.filename), source: { bytes: file.data } },
  };
}

/** Missing and another team's file read the same. */
function fileNotFound(id: string, param: string): OpenAIError {
  return OpenAIError.badRequest(`No such File object: ${id}`, param, 'file_not_found');
}

/** file id → the field of its first part; undefined when the conversation names none. */
function collectFileIds(messages: readonly ChatMessage[]): Map<string, string> | undefined {
  let paramById: Map<string, string> | undefined;
  forEachMediaPart(messages, (part, messageIndex, partIndex) => {
    if (part.type !== 'file' || part.file.file_data || !part.file.file_id) return;
    paramById ??= new Map();
    if (!paramById.has(part.file.file_id))
      paramById.set(part.file.file_id, `messages[${messageIndex}].content[${partIndex}].file.file_id`);
  });
  return paramById;
}
