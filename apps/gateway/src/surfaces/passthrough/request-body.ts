// Reading a passthrough request's body, bounded: needed whole when the call is signed with SigV4 (the
// signature covers the payload's hash) or when the body names what access is decided on.
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../../platform/http/json-body-limits';
import { AwsError } from './aws-error';

export function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  if (!Number.isSafeInteger(length) || length < 0) throw AwsError.validation('Invalid Content-Length');
  if (length > MAX_BODY_BYTES) throw tooLarge();
  return length;
}

export async function readWholeBody(request: IncomingMessage): Promise<Buffer> {
  declaredLength(request);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(): AwsError {
  return new AwsError(413, 'ValidationException', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
}
