// How a deployment obtains its AWS credentials when they are not plain keys: a shared-config profile, an
// STS role (AssumeRole from explicit keys or the default chain, or AssumeRoleWithWebIdentity), or the SDK's
// default chain (environment, profile, IRSA token file, container, instance). A plain description, so
// that two deployments configured alike share one provider (credential-providers.ts), and so that its
// identity can be hashed into client cache keys without any secret appearing in them.
import { createHash } from 'node:crypto';

export interface StaticAwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where STS calls go: the deployment's region, and `aws_sts_endpoint` when set (else AWS's own). */
export interface StsTarget {
  region: string;
  endpoint?: string;
}

/** The shared files and IRSA variables the default chain and profiles read, taken from the gateway's env. */
export interface SharedConfigLocations {
  configFile?: string;
  credentialsFile?: string;
  /** AWS_PROFILE: the default chain's profile. */
  profile?: string;
  /** IRSA: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME. */
  webIdentityTokenFile?: string;
  roleArn?: string;
  roleSessionName?: string;
}

export type AwsCredentialSource =
  | { kind: 'profile'; profile: string; files: SharedConfigLocations; sts: StsTarget }
  | {
      kind: 'assume-role';
      roleArn: string;
      sessionName: string;
      externalId?: string;
      /** The credentials that call AssumeRole; without them, the default chain's. */
      sourceKeys?: StaticAwsKeys;
      files: SharedConfigLocations;
      sts: StsTarget;
    }
  | { kind: 'web-identity'; roleArn: string; sessionName: string; token: string; sts: StsTarget }
  | { kind: 'default-chain'; files: SharedConfigLocations; sts: StsTarget };

/**
 * A short hash naming the configuration (secrets included, so a rotated key is another identity), safe
 * to log: two equal configurations give the same identity, whatever object holds them.
 */
export function credentialSourceIdentity(source: AwsCredentialSource): string {
  return createHash('sha256').update(canonicalJson(source)).digest('hex').slice(0, 32);
}

/** JSON with keys sorted and undefined values dropped, so equal configurations serialise alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
