// An AWS region name (us-east-1, us-gov-west-1, ap-southeast-2, cn-north-1…). A deployment's region is
// shown to every caller of its model (x-quarry-model-region) and becomes part of the Bedrock host name,
// so anything else — an `os.environ/` reference that reads, say, DATABASE_URL — is refused, never used.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isAwsRegionName(value: unknown): boolean {
  return typeof value === 'string' && REGION_NAME.test(value);
}
