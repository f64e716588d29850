// `file` parts → Converse `document {format, name, source {bytes}}` (or `image` for image files), from
// the inline `file_data` or from the stored file a `file_id` names (input-files.ts).
// Bedrock is picky about document names: only alphanumerics, single whitespace, hyphens, parentheses
// and square brackets, unique within the request.
import type { ContentBlock, DocumentFormat } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { FileContentPart } from '@quarry/openai';
import { decodeBase64, decodeDataUrl, isDataUrl } from './data-urls';
import { imageFormatFromMimeType, sniffImageFormat } from './images';
import { inputFileBlock, type PrefetchedInputFiles } from './input-files';

const FORMAT_BY_MIME_TYPE: Record<string, DocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
};

const FORMAT_BY_EXTENSION: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  csv: 'csv',
  doc: 'doc',
  docx: 'docx',
  xls: 'xls',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
};

const MAX_NAME_LENGTH = 200;

export function documentFormatFromMimeType(mimeType: string): DocumentFormat | undefined {
  return FORMAT_BY_MIME_TYPE[mimeType.split(';', 1)[0].trim().toLowerCase()];
}

export function documentFormatFromFilename(filename: string | undefined): DocumentFormat | undefined {
  if (!filename) return undefined;
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? undefined : FORMAT_BY_EXTENSION[filename.slice(dot + 1).toLowerCase()];
}

/** Gives each document of one request a valid, unique Bedrock name. */
export class DocumentNamer {
  private readonly used = new Set<string>();
  private unnamedCount = 0;

  nameFor(filename: string | undefined): string {
    const base = filename ? cleanDocumentName(filename) : '';
    let name = base;
    if (name.length === 0) {
      do name = `document-${++this.unnamedCount}`;
      while (this.used.has(name));
    }
    for (let counter = 2; this.used.has(name); counter++) name = `${base} (${counter})`;
    this.used.add(name);
    return name;
  }
}

/** Drops the extension (dots are not allowed), replaces other characters, collapses whitespace; '' if nothing is left. */
export function cleanDocumentName(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  const cleaned = stem
    .replace(/[^a-zA-Z0-9\s\-()[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  // A name of only punctuation ("---") says nothing; the caller numbers it instead.
  return /[a-zA-Z0-9]/.test(cleaned) ? cleaned : '';
}

/** `param` is the path of the part (`messages[1].content[2]`). */
export function fileContentBlock(
  file: FileContentPart['file'],
  param: string,
  namer: DocumentNamer,
  inputFiles: PrefetchedInputFiles = new Map(),
): ContentBlock {
  const dataParam = `${param}.file.file_data`;
  if (!file.file_data) {
    if (file.file_id) return inputFileBlock(file.file_id, `${param}.file.file_id`, inputFiles, namer);
    throw OpenAIError.badRequest(`${param}.file must have file_data or file_id`, dataParam);
  }
  let mimeType = file.format ?? '';
  let bytes: Uint8Array;
  if (isDataUrl(file.file_data)) {
    const decoded = decodeDataUrl(file.file_data, dataParam);
    mimeType = file.format ?? decoded.mimeType;
    bytes = decoded.bytes;
  } else {
    bytes = decodeBase64(file.file_data, dataParam);
  }

  const imageFormat = imageFormatFromMimeType(mimeType);
  if (imageFormat) return { image: { format: sniffImageFormat(bytes) ?? imageFormat, source: { bytes } } };

  const format = documentFormatFromMimeType(mimeType) ?? documentFormatFromFilename(file.filename);
  if (!format) {
    throw OpenAIError.badRequest(
      `${dataParam} has type '${mimeType || 'unknown'}'${file.filename ? ` (file '${file.filename}')` : ''}; ` +
        'Bedrock accepts pdf, csv, doc, docx, xls, xlsx, html, txt and md documents, and png, jpeg, gif and webp images',
      dataParam,
    );
  }
  return { document: { format, name: namer.nameFor(file.filename), source: { bytes } } };
}
