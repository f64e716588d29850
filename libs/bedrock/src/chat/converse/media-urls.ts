// `image_url` parts → Converse `image` or `document` blocks. LiteLLM's documented form sends PDFs (and
// other documents) as `image_url` too, so the media type decides: images (png, jpeg, gif, webp) become
// `image {format, source}`, documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md) become
// `document {format, name, source}` with a valid generated name. Data URLs are decoded in place; https
// URLs are fetched up front, all in parallel, through the injected (SSRF-guarded) fetcher, so the rest
// of the translation stays synchronous.
import type { DocumentFormat, ImageBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ChatMessage } from '@quarry/openai';
import { decodeDataUrl, isDataUrl } from './data-urls';
import { documentFormatFromMimeType, type DocumentNamer } from './documents';
import { forEachMediaPart } from './each-media-part';
import {
  imageFormatFromMimeType,
  sniffImageFormat,
  SUPPORTED_IMAGE_FORMATS,
  type FetchImage,
} from './images';

/** What a remote URL turned out to hold. */
export type FetchedMedia =
  | { kind: 'image'; image: ImageBlock }
  | { kind: 'document'; format: DocumentFormat; bytes: Uint8Array; filename: string | undefined };

/** https URL → what it holds, fetched before translation. */
export type PrefetchedMedia = ReadonlyMap<string, FetchedMedia>;

export type MediaBlock =
  | { image: ImageBlock }
  | { document: { format: DocumentFormat; name: string; source: { bytes: Uint8Array } } };

const SUPPORTED = `${SUPPORTED_IMAGE_FORMATS} images, or pdf, csv, doc, docx, xls, xlsx, html, txt or md documents`;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** An image or document block from a data URL or a prefetched https URL; `param` names the url field. */
export function mediaBlockFromUrl(
  url: string,
  param: string,
  prefetched: PrefetchedMedia,
  namer: DocumentNamer,
): MediaBlock {
  if (isDataUrl(url)) {
    const decoded = decodeDataUrl(url, param);
    const media = mediaOf(decoded.mimeType, decoded.bytes, undefined, false);
    if (!media)
      throw OpenAIError.badRequest(
        `${param} has type '${decoded.mimeType}'; Bedrock accepts ${SUPPORTED}`,
        param,
      );
    return toBlock(media, namer);
  }
  const media = prefetched.get(url);
  if (media) return toBlock(media, namer);
  // prefetchMedia saw every https URL, so anything left is a scheme we refuse.
  throw OpenAIError.badRequest(`${param} must be an https URL or a base64 data URL`, param);
}

function toBlock(media: FetchedMedia, namer: DocumentNamer): MediaBlock {
  if (media.kind === 'image') return { image: media.image };
  return {
    document: { format: media.format, name: namer.nameFor(media.filename), source: { bytes: media.bytes } },
  };
}

/**
 * The media type decides; the bytes correct mislabelled images. A generic type (octet-stream, none) is
 * accepted only for content that is recognisable by its bytes (`sniff`, for fetched content).
 */
function mediaOf(
  contentType: string,
  bytes: Uint8Array,
  filename: string | undefined,
  sniff: boolean,
): FetchedMedia | undefined {
  const declaredImage = imageFormatFromMimeType(contentType);
  if (declaredImage)
    return { kind: 'image', image: { format: sniffImageFormat(bytes) ?? declaredImage, source: { bytes } } };
  const document = documentFormatFromMimeType(contentType);
  if (document) return { kind: 'document', format: document, bytes, filename };
  if (!sniff || !isGenericContentType(contentType)) return undefined;
  const sniffedImage = sniffImageFormat(bytes);
  if (sniffedImage) return { kind: 'image', image: { format: sniffedImage, source: { bytes } } };
  if (PDF_MAGIC.every((byte, index) => bytes[index] === byte))
    return { kind: 'document', format: 'pdf', bytes, filename };
  return undefined;
}

/**
 * At most this many distinct remote URLs per request (Converse itself accepts 20 images per request):
 * without a cap one small body could make the gateway fetch thousands of URLs.
 */
export const MAX_REMOTE_IMAGES = 20;

/** Fetches every https image_url of the conversation once, in parallel. */
export async function prefetchMedia(
  messages: ChatMessage[],
  fetchImage: FetchImage,
): Promise<PrefetchedMedia> {
  const paramByUrl = collectRemoteUrls(messages);
  const media = new Map<string, FetchedMedia>();
  if (paramByUrl.size === 0) return media;
  if (paramByUrl.size > MAX_REMOTE_IMAGES) {
    throw OpenAIError.badRequest(
      `At most ${MAX_REMOTE_IMAGES} image URLs may be fetched per request (got ${paramByUrl.size}); send images as data URLs instead`,
      'messages',
      'too_many_images',
    );
  }
  await Promise.all(
    Array.from(paramByUrl, async ([url, param]) => {
      media.set(url, await fetchOne(url, param, fetchImage));
    }),
  );
  return media;
}

function collectRemoteUrls(messages: ChatMessage[]): Map<string, string> {
  const paramByUrl = new Map<string, string>();
  forEachMediaPart(messages, (part, messageIndex, partIndex) => {
    if (part.type !== 'image_url') return;
    const url = part.image_url.url;
    if (isDataUrl(url) || paramByUrl.has(url)) return;
    const param = `messages[${messageIndex}].content[${partIndex}].image_url.url`;
    if (!/^https:\/\//i.test(url)) {
      throw OpenAIError.badRequest(`${param} must be an https URL or a base64 data URL`, param);
    }
    paramByUrl.set(url, param);
  });
  return paramByUrl;
}

async function fetchOne(url: string, param: string, fetchImage: FetchImage): Promise<FetchedMedia> {
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
  const media = mediaOf(fetched.contentType, fetched.bytes, filenameOf(url), true);
  if (!media) {
    throw OpenAIError.badRequest(
      `${param} returned content type '${fetched.contentType}'; Bedrock accepts ${SUPPORTED}`,
      param,
    );
  }
  return media;
}

/** The last path segment (`…/dummy.pdf` → `dummy.pdf`), a document's name when it has one. */
function filenameOf(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').pop();
    return segment ? decodeURIComponent(segment) : undefined;
  } catch {
    return undefined;
  }
}

function isGenericContentType(contentType: string): boolean {
  const bare = contentType.split(';', 1)[0].trim().toLowerCase();
  return bare === '' || bare === 'application/octet-stream' || bare === 'binary/octet-stream';
}
