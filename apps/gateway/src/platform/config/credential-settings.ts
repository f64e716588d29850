// Which combinations of AWS credential settings make sense, checked when a deployment is loaded (config.yaml
// at start-up, /model/new): a setting that would be silently ignored could make the gateway call AWS as
// an identity the operator did not mean. How each combination is honoured: docs/aws-credentials.md.
import { isEnvReference } from './env-reference';

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function credentialSettingProblems(
  params: Readonly<Record<string, unknown>>,
  field: (key: string) => string,
): string[] {
  const problems: string[] = [];
  const given = (key: string) => params[key] !== undefined && params[key] !== null && params[key] !== '';
  const literal = (key: string) => typeof params[key] === 'string' && !isEnvReference(params[key]);

  if (given('aws_web_identity_token') && !given('aws_role_name'))
    problems.push(
      `${field('aws_web_identity_token')} needs aws_role_name: the role to assume with the token`,
    );
  for (const key of ['aws_session_name', 'aws_external_id'])
    if (given(key) && !given('aws_role_name'))
      problems.push(`${field(key)} is used only with aws_role_name (STS AssumeRole)`);
  if (given('aws_profile_name') && given('aws_role_name'))
    problems.push(
      `${field('aws_profile_name')} and aws_role_name cannot be combined: to assume a role from a profile, give the profile role_arn and source_profile in the AWS config file`,
    );
  if (given('aws_profile_name') && (given('aws_access_key_id') || given('aws_secret_access_key')))
    problems.push(
      `${field('aws_profile_name')} and aws_access_key_id/aws_secret_access_key cannot be combined: choose one source of credentials`,
    );
  if (given('aws_role_name') && literal('aws_role_name') && !ROLE_ARN.test(String(params.aws_role_name)))
    problems.push(`${field('aws_role_name')} must be a role ARN (arn:aws:iam::123456789012:role/name)`);
  if (
    given('aws_session_name') &&
    literal('aws_session_name') &&
    !SESSION_NAME.test(String(params.aws_session_name))
  )
    problems.push(`${field('aws_session_name')} must be 2 to 64 characters of letters, digits and +=,.@_-`);
  return problems;
}
