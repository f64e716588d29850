// The master key is compared in constant time. The comparison is between SHA-256 digests, so it does not
// leak the master key's length either; the caller passes the digest it computed for the key lookup
// (see virtualKeyDigest), so a request hashes the presented key once.
import { timingSafeEqual } from 'node:crypto';
import { virtualKeyDigest } from './virtual-key';

export class MasterKeyMatcher {
  private readonly digest: Buffer;

  constructor(masterKey: string) {
    this.digest = virtualKeyDigest(masterKey);
  }

  /** `presentedDigest` is virtualKeyDigest(presented key). */
  matchesDigest(presentedDigest: Buffer): boolean {
    return timingSafeEqual(this.digest, presentedDigest);
  }
}
