import { AwsCredentialProviders } from '@quarry/bedrock';
import { deploymentAuth } from './deployment-credentials';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const KEYS = { aws_access_key_id: 'AKIAKEY', aws_secret_access_key: 'secret' };

describe('deploymentAuth', () => {
  it("follows LiteLLM's precedence: web identity, role, profile, keys, API key, default chain", () => {
    const providers = new AwsCredentialProviders();
    const auth = (params: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
      deploymentAuth(params, 'us-east-1', env, providers);
    const webIdentity = auth({ ...KEYS, aws_role_name: ROLE, aws_web_identity_token: 't' });
    const role = auth({ ...KEYS, aws_role_name: ROLE });
    const profile = auth({ aws_profile_name: 'dev', api_key: 'k' });
    const defaultChain = auth({});
    const identities = [webIdentity, role, profile, defaultChain].map(
      ({ credentials }) => (credentials as { identity: string }).identity,
    );
    expect(new Set(identities).size).toBe(4);
    expect(auth({ ...KEYS, api_key: 'k' }).credentials).toEqual({
      accessKeyId: 'AKIAKEY',
      secretAccessKey: 'secret',
      sessionToken: undefined,
    });
    expect(auth({ api_key: 'k' })).toEqual({ bearerToken: 'k' });
    expect(auth({ aws_bedrock_api_key: 'quarry-name' })).toEqual({ bearerToken: 'quarry-name' });
    expect(auth({}, { AWS_BEARER_TOKEN_BEDROCK: 'from-env' })).toEqual({ bearerToken: 'from-env' });
  });

  it('shares one provider between deployments configured alike, and only between those', () => {
    const providers = new AwsCredentialProviders();
    const role = (extra: Record<string, unknown> = {}) =>
      deploymentAuth({ ...KEYS, aws_role_name: ROLE, ...extra }, 'us-east-1', {}, providers).credentials;
    expect(role()).toBe(role());
    expect(role({ aws_session_name: 'other' })).not.toBe(role());
    expect(role({ aws_external_id: 'x' })).not.toBe(role());
    expect(role({ aws_secret_access_key: 'rotated' })).not.toBe(role());
    expect(providers.size).toBe(4);
    // The identity is a hash: no secret in a client cache key or a log line.
    expect((role() as { identity: string }).identity).toMatch(/^[0-9a-f]{32}$/);
  });
});
