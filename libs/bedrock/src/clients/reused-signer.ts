// One SigV4 signer per bedrock-runtime client instead of one per request. Without a `signer` setting the
// SDK builds a new SignatureV4 for every request, copying the whole client configuration (about a hundred
// properties) into its constructor each time. `signer` is the SDK's own
// setting for this; the signer is built on first use from the client's resolved settings, so static keys,
// session tokens and the default credential chain (which refreshes itself) work as before. Region and
// service still come per request from the endpoint's auth scheme.
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  ChecksumConstructor,
  HashConstructor,
  Provider,
  AwsCredentialIdentityProvider,
} from '@smithy/types';
import { BedrockSigner } from './bedrock-signer';

/** What the signer takes from a built client's `config`. */
export interface ResolvedSigningSettings {
  credentials: AwsCredentialIdentityProvider;
  region: Provider<string>;
  sha256: ChecksumConstructor | HashConstructor;
}

/** Bedrock's SigV4 signing name (the runtime, agent runtime and control plane all sign as `bedrock`). */
const BEDROCK_SIGNING_NAME = 'bedrock';

export function reusedSigner(settings: () => ResolvedSigningSettings): () => Promise<SignatureV4> {
  let signer: SignatureV4 | undefined;
  return async () => {
    if (!signer) {
      const { credentials, region, sha256 } = settings();
      signer = new BedrockSigner({
        credentials,
        region,
        sha256,
        service: BEDROCK_SIGNING_NAME,
        uriEscapePath: true,
      });
    }
    return signer;
  };
}
