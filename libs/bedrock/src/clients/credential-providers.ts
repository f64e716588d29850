// One AWS credential provider per distinct credential configuration (aws-credential-source.ts), built from
// the SDK's own providers (@aws-sdk/credential-providers) and shared by every deployment, client and
// request configured alike: STS is called once per refresh, not per request, client or deployment object
// (refreshing-credentials.ts). A failure to obtain credentials becomes AwsCredentialsUnavailableError,
// whose message names the method and AWS's error code and never a token, key or role.
import { getDefaultRoleAssumerWithWebIdentity } from '@aws-sdk/client-sts';
import {
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
  fromWebToken,
} from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import {
  credentialSourceIdentity,
  type AwsCredentialSource,
  type SharedConfigLocations,
  type StsTarget,
} from './aws-credential-source';
import { refreshingCredentials, type CredentialFetch } from './refreshing-credentials';

/** A credential provider shared by every client of one configuration; `identity` names it in cache keys. */
export interface SharedCredentialProvider {
  (): Promise<AwsCredentialIdentity>;
  readonly identity: string;
}

/** Credentials could not be obtained (STS refused, no profile, nothing in the default chain). */
export class AwsCredentialsUnavailableError extends Error {
  override readonly name = 'AwsCredentialsUnavailable';
}

/** How each method reads in an error message (what the operator configured, not its values). */
const METHOD_NAMES: Record<AwsCredentialSource['kind'], string> = {
  profile: 'the AWS profile',
  'assume-role': 'STS AssumeRole',
  'web-identity': 'STS AssumeRoleWithWebIdentity',
  'default-chain': "the AWS SDK's default credential chain",
};

export class AwsCredentialProviders {
  private readonly providers = new Map<string, SharedCredentialProvider>();

  for(source: AwsCredentialSource): SharedCredentialProvider {
    const identity = credentialSourceIdentity(source);
    let provider = this.providers.get(identity);
    if (!provider) {
      const fetch = this.fetchFor(source);
      const refreshing = refreshingCredentials(async () => {
        try {
          return await fetch();
        } catch (error) {
          throw new AwsCredentialsUnavailableError(
            `Could not obtain the AWS credentials configured for this deployment from ${METHOD_NAMES[source.kind]} (${codeOf(error)})`,
            { cause: error },
          );
        }
      });
      provider = Object.assign(() => refreshing(), { identity });
      this.providers.set(identity, provider);
    }
    return provider;
  }

  /** Distinct credential configurations seen so far. */
  get size(): number {
    return this.providers.size;
  }

  private fetchFor(source: AwsCredentialSource): CredentialFetch {
    switch (source.kind) {
      case 'profile':
        return fromIni({
          profile: source.profile,
          ...fileOptions(source.files),
          clientConfig: stsClientConfig(source.sts),
          // Re-read the files at each refresh: rotated keys are picked up.
          ignoreCache: true,
        });
      case 'assume-role':
        return fromTemporaryCredentials({
          params: {
            RoleArn: source.roleArn,
            RoleSessionName: source.sessionName,
            ...(source.externalId !== undefined ? { ExternalId: source.externalId } : {}),
          },
          masterCredentials: source.sourceKeys
            ? { ...source.sourceKeys }
            : this.for({ kind: 'default-chain', files: source.files, sts: source.sts }),
          clientConfig: stsClientConfig(source.sts),
        });
      case 'web-identity':
        return fromWebToken({
          roleArn: source.roleArn,
          roleSessionName: source.sessionName,
          webIdentityToken: source.token,
          // One STS client for the provider's life (fromWebToken alone builds one per call).
          roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity(stsClientConfig(source.sts)),
        });
      case 'default-chain':
        return fromNodeProviderChain({
          ...fileOptions(source.files),
          ...(source.files.profile ? { profile: source.files.profile } : {}),
          ...(source.files.webIdentityTokenFile
            ? { webIdentityTokenFile: source.files.webIdentityTokenFile }
            : {}),
          ...(source.files.roleArn ? { roleArn: source.files.roleArn } : {}),
          ...(source.files.roleSessionName ? { roleSessionName: source.files.roleSessionName } : {}),
          clientConfig: stsClientConfig(source.sts),
        });
      default: {
        const unknown: never = source;
        throw new Error(`unknown credential source ${JSON.stringify(unknown)}`);
      }
    }
  }
}

function fileOptions(files: SharedConfigLocations): { filepath?: string; configFilepath?: string } {
  return {
    ...(files.credentialsFile ? { filepath: files.credentialsFile } : {}),
    ...(files.configFile ? { configFilepath: files.configFile } : {}),
  };
}

function stsClientConfig(sts: StsTarget): { region: string; endpoint?: string } {
  return { region: sts.region, ...(sts.endpoint ? { endpoint: sts.endpoint } : {}) };
}

/** AWS's error name (InvalidIdentityTokenException, AccessDenied…), never its message (ARNs, accounts). */
function codeOf(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== 'Error' ? name : 'unknown error';
}
