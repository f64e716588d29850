// What POST /v1/files carries: `purpose`, `file`, and for batch files the target model, which LiteLLM's
// clients give as a `target_model_names` field (comma-separated; the OpenAI SDKs' extra_body lands there
// too) or as an `extra_body` field holding JSON. Without one, the model all lines name is the target.
// Purposes: `batch`, and the ones OpenAI's clients use for files given to a model as input — `user_data`
// (OpenAI's recommended one for chat `file` parts), `assistants` (older examples) and `vision` (images).
import { OpenAIError } from '@quarry/openai';
import { formFields, parseMultipartForm } from '../../platform/http/multipart-form';

export const INPUT_FILE_PURPOSES: ReadonlySet<string> = new Set(['user_data', 'assistants', 'vision']);
const PURPOSES = '"batch", "user_data", "assistants" or "vision"';

export interface UploadForm {
  purpose: string;
  filename: string;
  /** The file part's own Content-Type, if it gave one. */
  contentType: string | undefined;
  content: Buffer;
  targetModels: string[];
}

export function readUploadForm(contentType: string | undefined, body: unknown): UploadForm {
  if (!Buffer.isBuffer(body))
    throw OpenAIError.badRequest(
      'Upload the file as multipart/form-data with fields purpose and file',
      'file',
    );
  const parts = parseMultipartForm(contentType, body);
  const fields = formFields(parts);
  const purpose = fields.get('purpose');
  if (purpose !== 'batch' && (purpose === undefined || !INPUT_FILE_PURPOSES.has(purpose)))
    throw OpenAIError.badRequest(
      purpose === undefined
        ? `purpose is required; Quarry takes files with purpose ${PURPOSES}`
        : `purpose "${purpose}" is not supported; Quarry takes files with purpose ${PURPOSES}`,
      'purpose',
    );
  const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
  if (!file) throw OpenAIError.badRequest('file is required (a file part named "file")', 'file');
  return {
    purpose,
    filename:
      withoutControlCharacters(file.filename ?? '').slice(0, 255) ||
      (purpose === 'batch' ? 'input.jsonl' : 'upload'),
    contentType: file.contentType,
    content: file.data,
    targetModels: targetModelsOf(fields),
  };
}

function targetModelsOf(fields: Map<string, string>): string[] {
  let names = fields.get('target_model_names');
  const extraBody = fields.get('extra_body');
  if (names === undefined && extraBody !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(extraBody);
    } catch {
      throw OpenAIError.badRequest('extra_body must be a JSON object', 'extra_body');
    }
    const value = (parsed as { target_model_names?: unknown } | null)?.target_model_names;
    if (value !== undefined && typeof value !== 'string' && !Array.isArray(value))
      throw OpenAIError.badRequest('extra_body.target_model_names must be a string', 'target_model_names');
    names = Array.isArray(value) ? value.join(',') : value;
  }
  return (names ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** A filename is shown back and stored: no NULs or line breaks. */
function withoutControlCharacters(text: string): string {
  return [...text].filter((character) => character.charCodeAt(0) >= 0x20).join('');
}
