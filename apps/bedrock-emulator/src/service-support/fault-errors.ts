// The AWS error an injected error fault answers with, before any response has been sent.
export interface FaultError {
  status: number;
  errorType: string;
  message: string;
  extra?: Record<string, unknown>;
}

/** bedrock-runtime's errors (InvokeModel, Converse, …); undefined for faults that are not errors. */
export function runtimeFaultError(kind: string | undefined): FaultError | undefined {
  switch (kind) {
    case 'throttle':
      return {
        status: 429,
        errorType: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
      };
    case 'error500':
      return {
        status: 500,
        errorType: 'InternalServerException',
        message: 'The system encountered an unexpected error during processing. Try your request again.',
      };
    case 'unavailable':
      return {
        status: 503,
        errorType: 'ServiceUnavailableException',
        message: 'The service is temporarily unable to handle the request. Try again later.',
      };
    case 'timeout':
      return {
        status: 408,
        errorType: 'ModelTimeoutException',
        message: 'The request took too long to process. Processing time exceeded the model timeout length.',
      };
    // Bedrock's ValidationException for a prompt past the model's context window.
    case 'context-too-long':
      return {
        status: 400,
        errorType: 'ValidationException',
        message: 'Input is too long for requested model.',
      };
    // What Bedrock's image models (Titan, Nova Canvas) answer when their content filters refuse a prompt.
    case 'content-filtered':
      return {
        status: 400,
        errorType: 'ValidationException',
        message: 'This request has been blocked by our content filters.',
      };
    case 'model-error':
      return {
        status: 424,
        errorType: 'ModelErrorException',
        message: 'The model returned an error while processing the request.',
        extra: { originalStatusCode: 500, resourceName: 'emulated-model' },
      };
    default:
      return undefined;
  }
}

/** The agent runtime's and control plane's errors: the runtime's, but a failing model is a failed dependency. */
export function serviceFaultError(kind: string | undefined): FaultError | undefined {
  if (kind === 'model-error') {
    // These services have no ModelErrorException.
    return { status: 424, errorType: 'DependencyFailedException', message: 'The model returned an error.' };
  }
  return runtimeFaultError(kind);
}
