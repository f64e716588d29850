// An AWS-shaped failure (status + error type + message) thrown anywhere below a route handler;
// the core turns it into a restJson1 error response, the batch runner into an error record.
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = errorType;
  }

  static validation(message: string): EmulatorError {
    return new EmulatorError(400, 'ValidationException', message);
  }

  /** The wording Bedrock uses when a model-native body fails its JSON schema. */
  static malformed(detail: string): EmulatorError {
    return new EmulatorError(
      400,
      'ValidationException',
      `Malformed input request: ${detail}, please reformat your input and try again.`,
    );
  }

  static notFound(message: string): EmulatorError {
    return new EmulatorError(404, 'ResourceNotFoundException', message);
  }
}
