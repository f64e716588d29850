// A deployment's `extra_headers` (config file only: e.g. for a corporate proxy in front of a custom
// `aws_bedrock_runtime_endpoint`) are sent with every bedrock-runtime call. They are added innermost,
// after signing, so the signer cannot drop them; when the client signs (SigV4 credentials or a
// Bedrock API key), headers that carry or feed the signature (`authorization`, `host`, `x-amz-*`)
// are never replaced — an extra header must not break or impersonate the deployment's identity. A
// deployment without credentials of its own (its proxy authenticates) may set them.
import type { DeserializeMiddleware, Pluggable } from '@smithy/types';

const SIGNATURE_HEADER = /^(authorization|host|x-amz-.*)$/i;

/** `extra_headers` from litellm_params: an object of header name → string value. */
export function extraHeadersFrom(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error('extra_headers must be an object of header names to string values');
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new Error(`extra_headers.${name} must be a string under a valid header name`);
    headers[name.toLowerCase()] = header;
  }
  return headers;
}

function addHeaders<Input extends object, Output extends object>(
  headers: Record<string, string>,
  signed: boolean,
): DeserializeMiddleware<Input, Output> {
  return (next) => (args) => {
    const requestHeaders = (args.request as { headers?: Record<string, string> }).headers;
    if (requestHeaders) {
      for (const [name, value] of Object.entries(headers)) {
        if (signed && SIGNATURE_HEADER.test(name)) continue;
        requestHeaders[name] = value;
      }
    }
    return next(args);
  };
}

/** `signed`: the client signs its requests itself (SigV4 credentials or a bearer token). */
export function extraHeadersPlugin<Input extends object, Output extends object>(
  headers: Record<string, string>,
  signed: boolean,
): Pluggable<Input, Output> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(addHeaders<Input, Output>(headers, signed), {
        name: 'quarryExtraHeaders',
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
      });
    },
  };
}
