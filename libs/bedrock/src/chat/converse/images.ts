// `image_url` parts → Converse `image {format, source {bytes}}`. Data URLs are decoded in place;
// https URLs are fetched up front, all in parallel, through the injected (SSRF-guarded) fetcher, so
// the rest of the translation stays synchronous.
import type { ImageBlock, ImageFormat } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ChatMessage } from '@quarry/openai';
import { decodeDataUrl, isDataUrl } from './data-urls';

export type FetchImage = (url: string) => Promise<{ bytes: Uint8Array; contentType: string }>;

/** https image URL → its ready Converse image block. */
export type PrefetchedImages = ReadonlyMap<string, ImageBlock>;

const FORMAT_BY_MIME_TYPE: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export function imageFormatFromMimeType(mimeType: string): ImageFormat | undefined {
  const bare = mimeType.split(';', 1)[0].trim().toLowerCase();
  return FORMAT_BY_MIME_TYPE[bare];
}

/** Magic numbers, for servers that answer `application/octet-stream`. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return 'png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) {
    return 'gif';
  }
  if (
    bytes.length >= 12 &&
    bytes[0] === 0x52 &&
    bytes[1] === 0x49 &&
    bytes[2] === 0x46 &&
    bytes[3] === 0x46 &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'webp';
  }
  return undefined;
}

const SUPPORTED = 'png, jpeg, gif or webp';

/** Image block from a data URL or a prefetched https URL; `param` names the url field in errors. */
export function imageBlockFromUrl(url: string, param: string, prefetched: PrefetchedImages): ImageBlock {
  if (isDataUrl(url)) {
    const decoded = decodeDataUrl(url, param);
    const format = imageFormatFromMimeType(decoded.mimeType);
    if (!format) {
      throw OpenAIError.badRequest(
        `${param} has type '${decoded.mimeType}'; Bedrock accepts ${SUPPORTED} images`,
        param,
      );
    }
    // Clients mislabel images (a JPEG sent as image/png); the bytes decide when they are recognisable.
    return { format: sniffImageFormat(decoded.bytes) ?? format, source: { bytes: decoded.bytes } };
  }
  const image = prefetched.get(url);
  if (image) return image;
  // prefetchImages saw every https URL, so anything left is a scheme we refuse.
  throw OpenAIError.badRequest(`${param} must be an https URL or a base64 data URL`, param);
}

/**
 * At most this many distinct remote images per request (Converse itself accepts 20 images per request):
 * without a cap one small body could make the gateway fetch thousands of URLs.
 */
export const MAX_REMOTE_IMAGES = 20;

/** Fetches every https image of the conversation once, in parallel. */
export async function prefetchImages(
  messages: ChatMessage[],
  fetchImage: FetchImage,
): Promise<PrefetchedImages> {
  const paramByUrl = collectRemoteImageUrls(messages);
  const images = new Map<string, ImageBlock>();
  if (paramByUrl.size === 0) return images;
  if (paramByUrl.size > MAX_REMOTE_IMAGES) {
    throw OpenAIError.badRequest(
      `At most ${MAX_REMOTE_IMAGES} image URLs may be fetched per request (got ${paramByUrl.size}); send images as data URLs instead`,
      'messages',
      'too_many_images',
    );
  }
  await Promise.all(
    Array.from(paramByUrl, async ([url, param]) => {
      images.set(url, await fetchOne(url, param, fetchImage));
    }),
  );
  return images;
}

function collectRemoteImageUrls(messages: ChatMessage[]): Map<string, string> {
  const paramByUrl = new Map<string, string>();
  for (let messageIndex = 0; messageIndex < messages.length; messageIndex++) {
    const message = messages[messageIndex];
    if ((message.role !== 'user' && message.role !== 'tool') || typeof message.content === 'string') continue;
    const parts = message.content;
    for (let partIndex = 0; partIndex < parts.length; partIndex++) {
      const part = parts[partIndex];
      if (part.type !== 'image_url') continue;
      const url = part.image_url.url;
      if (isDataUrl(url) || paramByUrl.has(url)) continue;
      const param = `messages[${messageIndex}].content[${partIndex}].image_url.url`;
      if (!/^https:\/\//i.test(url)) {
        throw OpenAIError.badRequest(`${param} must be an https URL or a base64 data URL`, param);
      }
      paramByUrl.set(url, param);
    }
  }
  return paramByUrl;
}

async function fetchOne(url: string, param: string, fetchImage: FetchImage): Promise<ImageBlock> {
  let fetched: { bytes: Uint8Array; contentType: string };
  try {
    fetched = await fetchImage(url);
  } catch (error) {
    if (error instanceof OpenAIError) {
      if (error.status !== 400) throw error;
      // The guarded fetcher names a generic field (image_url.url); point the client at the exact part.
      const message =
        error.param && error.message.startsWith(error.param)
          ? param + error.message.slice(error.param.length)
          : error.message;
      throw OpenAIError.badRequest(message, param);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw OpenAIError.badRequest(`${param} could not be fetched: ${reason}`, param);
  }
  const declared = imageFormatFromMimeType(fetched.contentType);
  const sniffed = sniffImageFormat(fetched.bytes);
  // A declared image type is checked against the bytes; a generic type (octet-stream, none) is
  // accepted only when the bytes are a recognisable image. text/html and friends are refused.
  const format = declared
    ? (sniffed ?? declared)
    : isGenericContentType(fetched.contentType)
      ? sniffed
      : undefined;
  if (!format) {
    throw OpenAIError.badRequest(
      `${param} returned content type '${fetched.contentType}'; Bedrock accepts ${SUPPORTED} images`,
      param,
    );
  }
  return { format, source: { bytes: fetched.bytes } };
}

function isGenericContentType(contentType: string): boolean {
  const bare = contentType.split(';', 1)[0].trim().toLowerCase();
  return bare === '' || bare === 'application/octet-stream' || bare === 'binary/octet-stream';
}
