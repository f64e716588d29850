// multipart/form-data (RFC 7578) from a body Fastify has already read within its size cap: the fields
// and files of an upload. Hand-written (no multipart dependency is installed) and strict: a body that
// is not well-formed is a 400, never a guess.
import { OpenAIError } from '@quarry/openai';

export interface FormPart {
  name: string;
  /** Present for file parts. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const MAX_PARTS = 50;
const MAX_HEADER_BYTES = 8 * 1024;

export function parseMultipartForm(contentType: string | undefined, body: Buffer): FormPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed('no part boundary found');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts; // the closing delimiter
    if (body.subarray(position, position + 2).toString() !== '\r\n') throw malformed('bad boundary line');
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0 || headerEnd - position > MAX_HEADER_BYTES)
      throw malformed('part headers not terminated');
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw malformed('part not terminated by the boundary');
    parts.push({ ...partHeaders(headers), data: body.subarray(headerEnd + 4, next) });
    if (parts.length > MAX_PARTS) throw malformed(`more than ${MAX_PARTS} parts`);
    position = next + 2;
  }
}

/** The form's text fields (the last of a name wins). */
export function formFields(parts: readonly FormPart[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of parts)
    if (part.filename === undefined) fields.set(part.name, part.data.toString('utf8'));
  return fields;
}

function boundaryOf(contentType: string | undefined): string {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !match)
    throw OpenAIError.badRequest('Expected a multipart/form-data body with a boundary', 'file');
  return match[1] ?? match[2];
}

function partHeaders(text: string): Omit<FormPart, 'data'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) throw malformed('a part header has no name');
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-type') contentType = value;
    if (header !== 'content-disposition') continue;
    if (!/^form-data\s*(;|$)/i.test(value)) throw malformed('a part is not form-data');
    name = parameterOf(value, 'name');
    filename = parameterOf(value, 'filename');
  }
  if (name === undefined) throw malformed('a part has no name');
  return { name, filename, contentType };
}

function parameterOf(disposition: string, parameter: string): string | undefined {
  const match = new RegExp(`;\\s*${parameter}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  if (match) return match[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${parameter}=([^;\\s]+)`, 'i').exec(disposition);
  return bare?.[1];
}

function malformed(problem: string): OpenAIError {
  return OpenAIError.badRequest(
    `Malformed multipart/form-data body: ${problem}`,
    'file',
    'invalid_multipart',
  );
}
