// Handlers validate deep inside pure functions and throw the core's EmulatorError, which the core
// turns into a restJson1 error; these build the errors with Bedrock's wording.
import { EmulatorError } from '../http/emulator-error';

/** AWS's wording for a failed constraint, so clients see the same text shape they get from Bedrock. */
export function validationError(field: string, constraint: string, value?: unknown): EmulatorError {
  const shown =
    value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return EmulatorError.validation(
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export function invalid(message: string): EmulatorError {
  return EmulatorError.validation(message);
}

export function notFound(message: string): EmulatorError {
  return EmulatorError.notFound(message);
}

export function conflict(message: string): EmulatorError {
  return new EmulatorError(409, 'ConflictException', message);
}
