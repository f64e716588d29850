// The SDK's SigV4 signer without two costs it pays on every request (measured with
// `node bench/sdk-call-cost.mjs`; bench/README.md, "Hot-path findings"):
// - the signing key: SignatureV4 derives it once a day per credentials and keeps it in a module-wide
//   cache, but looks it up there by a key that is itself an HMAC of the secret, computed per request.
//   A client signs with one set of credentials at a time, so this signer remembers the last key it used
//   and the credentials (compared by value: a refreshed set is new) and scope it belongs to;
// - the request date, formatted with a regular expression per request: the same second gives the same
//   strings.
// The signature is the SDK's own, byte for byte (bedrock-signer.spec.ts signs with both and compares).
import { getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, DateInput } from '@smithy/types';

interface RememberedKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  scope: string;
  key: Promise<Uint8Array>;
}

interface FormattedDate {
  longDate: string;
  shortDate: string;
}

export class BedrockSigner extends SignatureV4 {
  private lastKey: RememberedKey | undefined;
  private lastSecond = Number.NaN;
  private lastDate: FormattedDate | undefined;

  protected override formatDate(now: DateInput): FormattedDate {
    // The SDK passes a Date; numbers and strings (seconds, ISO text) keep the stock reading.
    if (!(now instanceof Date)) return super.formatDate(now);
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.lastSecond || !this.lastDate) {
      this.lastDate = super.formatDate(now);
      this.lastSecond = second;
    }
    return this.lastDate;
  }

  /** Replaces SignatureV4's private method of the same name (see the prototype assignment below). */
  signingKeyFor(
    credentials: AwsCredentialIdentity,
    region: string,
    shortDate: string,
    service: string | undefined,
  ): Promise<Uint8Array> {
    const signingService = service || this.service;
    const scope = `${shortDate}/${region}/${signingService}`;
    const last = this.lastKey;
    if (
      last !== undefined &&
      last.scope === scope &&
      last.accessKeyId === credentials.accessKeyId &&
      last.secretAccessKey === credentials.secretAccessKey &&
      last.sessionToken === credentials.sessionToken
    )
      return last.key;
    const key = getSigningKey(this.sha256, credentials, shortDate, region, signingService);
    this.lastKey = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      scope,
      key,
    };
    // A derivation that failed is not remembered: the next request derives again.
    key.catch(() => this.lastKey?.key === key && (this.lastKey = undefined));
    return key;
  }
}

// SignatureV4 calls `this.getSigningKey(credentials, region, shortDate, service)` when it signs a request,
// an event-stream message or a string; the method is private in its types, so it is replaced on the
// prototype rather than overridden. Should a later @smithy/signature-v4 rename it, the stock derivation
// simply runs again (slower, same signature).
Object.defineProperty(BedrockSigner.prototype, 'getSigningKey', {
  value: BedrockSigner.prototype.signingKeyFor,
  writable: true,
  configurable: true,
});
