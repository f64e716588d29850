// Passthrough answers its own refusals the way Bedrock does, so that native clients raise their modeled
// exceptions: the status, `x-amzn-errortype: <Name>` and `{"message": …}` (bedrock-wire.md §6). Errors
// Bedrock itself returns are relayed as they came.
import type { ServerResponse } from 'node:http';
import type { OpenAIError } from '@quarry/openai';

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    /** Headers the refusal carries (Retry-After of a rate limit, …). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  static unknownOperation(): AwsError {
    return new AwsError(
      404,
      'UnknownOperationException',
      'The gateway forwards only Bedrock runtime and agent runtime operations; see docs/passthrough.md',
    );
  }

  static accessDenied(message: string): AwsError {
    return new AwsError(403, 'AccessDeniedException', message);
  }

  static validation(message: string): AwsError {
    return new AwsError(400, 'ValidationException', message);
  }

  /** The gateway's own refusals (auth, limits, budgets) under the names AWS clients know. */
  static fromOpenAIError(error: OpenAIError): AwsError {
    return new AwsError(error.status, errorTypeFor(error.status), error.message, error.headers);
  }

  write(response: ServerResponse, headers: Readonly<Record<string, string>> = {}): void {
    const body = JSON.stringify({ message: this.message });
    response.writeHead(this.status, {
      ...headers,
      ...this.headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-errortype': this.errorType,
    });
    response.end(body);
  }
}

function errorTypeFor(status: number): string {
  if (status === 400 || status === 413) return 'ValidationException';
  if (status === 401) return 'UnrecognizedClientException';
  if (status === 403) return 'AccessDeniedException';
  if (status === 404) return 'ResourceNotFoundException';
  if (status === 408) return 'ModelTimeoutException';
  if (status === 429) return 'ThrottlingException';
  if (status === 503) return 'ServiceUnavailableException';
  return 'InternalServerException';
}
