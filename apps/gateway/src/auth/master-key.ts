// The master key is compared in constant time. Both sides are hashed first so that the comparison does
// not leak the master key's length either.
import { createHash, timingSafeEqual } from 'node:crypto';

export class MasterKeyMatcher {
  private readonly digest: Buffer;

  constructor(masterKey: string) {
    this.digest = sha256(masterKey);
  }

  matches(presented: string): boolean {
    return timingSafeEqual(this.digest, sha256(presented));
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
