// What Bedrock will take an uploaded chat input file as (/v1/files with purpose user_data), decided once
// at upload so that a file that exists can always be sent: an image (png, jpeg, gif, webp; by its bytes)
// or a Converse document (pdf, csv, doc, docx, xls, xlsx, html, txt, md; by its name or declared type,
// then checked against its bytes), within Bedrock's per-block caps. Anything else is refused, naming `file`.
import type { DocumentFormat, ImageFormat } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import { documentFormatFromFilename, documentFormatFromMimeType } from './documents';
import { imageFormatFromMimeType, sniffImageFormat } from './images';

export type InputFileFormat =
  { kind: 'image'; format: ImageFormat } | { kind: 'document'; format: DocumentFormat };

/** Converse's caps: 4.5 MB per document, 3.75 MB per image (AWS's DocumentBlock / ImageBlock limits). */
export const MAX_DOCUMENT_BYTES = 4_500_000;
export const MAX_IMAGE_BYTES = 3_750_000;

export const INPUT_FILE_TYPES =
  'pdf, csv, doc, docx, xls, xlsx, html, txt or md documents, or png, jpeg, gif or webp images';

const IMAGE_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg', 'gif', 'webp']);
const DOCUMENT_FORMATS: ReadonlySet<string> = new Set([
  'pdf',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'html',
  'txt',
  'md',
]);
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp)$/i;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // docx, xlsx (Office Open XML)
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // doc, xls (compound file)

/** @throws OpenAIError 400 (param `file`) for a type Bedrock cannot take, 413 past its size cap. */
export function inputFileFormatOf(
  filename: string,
  declaredType: string | undefined,
  bytes: Uint8Array,
): InputFileFormat {
  if (bytes.length === 0) throw OpenAIError.badRequest('file is empty', 'file', 'empty_file');
  const image = sniffImageFormat(bytes);
  if (image) return withinCap({ kind: 'image', format: image }, bytes, MAX_IMAGE_BYTES);
  if (IMAGE_EXTENSIONS.test(filename) || imageFormatFromMimeType(declaredType ?? ''))
    throw unsupported(`file '${filename}' is named as an image but its bytes are not png, jpeg, gif or webp`);
  const format = startsWith(bytes, PDF)
    ? 'pdf'
    : (documentFormatFromFilename(filename) ?? documentFormatFromMimeType(declaredType ?? ''));
  if (!format)
    throw unsupported(
      `file '${filename}' (${declaredType || 'no declared type'}) is not a type Bedrock takes as chat input; ` +
        `upload ${INPUT_FILE_TYPES}`,
    );
  if (!bytesMatch(format, bytes))
    throw unsupported(`file '${filename}' is named as ${format} but its content is not ${format}`);
  return withinCap({ kind: 'document', format }, bytes, MAX_DOCUMENT_BYTES);
}

/** A stored format string back to what it stands for (undefined for anything this version does not know). */
export function inputFileFormatFromStored(format: string | null): InputFileFormat | undefined {
  if (format === null) return undefined;
  if (IMAGE_FORMATS.has(format)) return { kind: 'image', format: format as ImageFormat };
  if (DOCUMENT_FORMATS.has(format)) return { kind: 'document', format: format as DocumentFormat };
  return undefined;
}

function bytesMatch(format: DocumentFormat, bytes: Uint8Array): boolean {
  switch (format) {
    case 'pdf':
      return startsWith(bytes, PDF);
    case 'docx':
    case 'xlsx':
      return startsWith(bytes, ZIP);
    case 'doc':
    case 'xls':
      return startsWith(bytes, OLE2);
    case 'csv':
    case 'html':
    case 'txt':
    case 'md':
      return isText(bytes);
    default:
      return false;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Text formats are UTF-8 without NULs (a binary file renamed .txt is not text). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

function withinCap(format: InputFileFormat, bytes: Uint8Array, cap: number): InputFileFormat {
  if (bytes.length > cap)
    throw new OpenAIError(
      413,
      `file is ${bytes.length} bytes; Bedrock takes ${format.kind === 'image' ? 'images' : 'documents'} ` +
        `of at most ${cap} bytes (${cap / 1_000_000} MB)`,
      'invalid_request_error',
      'file',
      'file_too_large',
    );
  return format;
}

function unsupported(message: string): OpenAIError {
  return OpenAIError.badRequest(message, 'file', 'unsupported_file_type');
}
