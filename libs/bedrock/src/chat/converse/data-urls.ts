// `data:<mime>[;param…];base64,<payload>` as clients send images and files inline.
import { OpenAIError } from '@quarry/openai';

export interface DecodedDataUrl {
  /** Lower-cased, without parameters. */
  mimeType: string;
  bytes: Uint8Array;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function isDataUrl(url: string): boolean {
  return url.length > 5 && url.slice(0, 5).toLowerCase() === 'data:';
}

/** Decodes a base64 data URL; anything else (plain-text data URLs, broken base64) is a 400 naming `param`. */
export function decodeDataUrl(url: string, param: string): DecodedDataUrl {
  const comma = url.indexOf(',');
  if (comma < 0) throw OpenAIError.badRequest(`${param} is not a valid data URL (no comma)`, param);
  const header = url.slice(5, comma).toLowerCase();
  const parameters = header.split(';');
  if (!parameters.includes('base64')) {
    throw OpenAIError.badRequest(`${param} must be a base64 data URL (data:<type>;base64,…)`, param);
  }
  return { mimeType: parameters[0].trim(), bytes: decodeBase64(url.slice(comma + 1), param) };
}

/** Strict base64: Buffer.from silently skips bad characters, which would turn a typo into a corrupt image. */
export function decodeBase64(payload: string, param: string): Uint8Array {
  const compact = payload.includes('\n') || payload.includes(' ') ? payload.replace(/\s+/g, '') : payload;
  if (compact.length === 0) throw OpenAIError.badRequest(`${param} contains no data`, param);
  if (!BASE64.test(compact)) throw OpenAIError.badRequest(`${param} is not valid base64`, param);
  return Buffer.from(compact, 'base64');
}
