// Image formats Bedrock takes (png, jpeg, gif, webp): from a declared media type, or from the bytes'
// magic numbers for servers and clients that mislabel them.
import type { ImageFormat } from '@aws-sdk/client-bedrock-runtime';

/** The injected (SSRF-guarded in production) fetch of a remote `image_url`, image or document. */
export type FetchImage = (url: string) => Promise<{ bytes: Uint8Array; contentType: string }>;

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

export const SUPPORTED_IMAGE_FORMATS = 'png, jpeg, gif or webp';
