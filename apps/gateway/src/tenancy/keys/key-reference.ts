import type { KeyReference } from '@quarry/db';
import { hashVirtualKey, looksLikeSecretKey } from '../auth/virtual-key';

/** Management bodies name a key by its secret (`sk-…`, looked up by its hash) or by its id. */
export function keyReferenceOf(reference: string): KeyReference {
  return looksLikeSecretKey(reference) ? { hash: hashVirtualKey(reference) } : { id: reference };
}
