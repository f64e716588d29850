// Virtual keys: `sk-` + 32 random bytes (base64url). Only the SHA-256 of a key is stored; the key itself
// is shown once, when it is created or regenerated. A short display form lets people tell keys apart.
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'sk-';
const RANDOM_BYTES = 32;

export function generateVirtualKey(): string {
  return KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
}

/** Hex SHA-256: keys carry 256 random bits, so a fast hash is enough (no password stretching needed). */
export function hashVirtualKey(key: string): string {
  return virtualKeyDigest(key).toString('hex');
}

/** The raw SHA-256 behind hashVirtualKey; authentication also compares it with the master key's. */
export function virtualKeyDigest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `sk-…abcd`: enough to recognise a key in a list, far too little to use it. */
export function displayFormOf(key: string): string {
  return `${KEY_PREFIX}…${key.slice(-4)}`;
}

/** Management bodies name keys either by the secret (`sk-…`) or by the key id (token id). */
export function looksLikeSecretKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX);
}
