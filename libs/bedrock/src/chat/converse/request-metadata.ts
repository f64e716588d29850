// Converse `requestMetadata` (tags Bedrock writes to its invocation logs) as Bedrock constrains it, so a
// request it would refuse fails here with the key named, before any upstream call (API reference,
// ConverseRequest.requestMetadata): at most 16 pairs; keys 1–256 and values 0–256 characters from
// letters, digits, whitespace and `:_@$#=/+,-.`.

export const REQUEST_METADATA_MAX_PAIRS = 16;
const MAX_LENGTH = 256;
const ALLOWED = /^[a-zA-Z0-9\s:_@$#=/+,\-.]*$/;

/** What is wrong with merged request metadata, naming the key at fault, or undefined when Bedrock accepts it. */
export function requestMetadataProblem(
  metadata: Record<string, unknown>,
): { message: string; param: string } | undefined {
  const keys = Object.keys(metadata);
  if (keys.length > REQUEST_METADATA_MAX_PAIRS) {
    return {
      message: `requestMetadata has ${keys.length} pairs; Bedrock allows at most ${REQUEST_METADATA_MAX_PAIRS}`,
      param: 'requestMetadata',
    };
  }
  for (const key of keys) {
    const value = metadata[key];
    const param = `requestMetadata.${key}`;
    if (key.length < 1 || key.length > MAX_LENGTH || !ALLOWED.test(key)) {
      return {
        message: `requestMetadata key "${key.slice(0, 64)}" must be 1–${MAX_LENGTH} characters of letters, digits, whitespace and :_@$#=/+,-.`,
        param,
      };
    }
    if (typeof value !== 'string') return { message: `${param} must be a string`, param };
    if (value.length > MAX_LENGTH || !ALLOWED.test(value)) {
      return {
        message: `${param} must be at most ${MAX_LENGTH} characters of letters, digits, whitespace and :_@$#=/+,-.`,
        param,
      };
    }
  }
  return undefined;
}
