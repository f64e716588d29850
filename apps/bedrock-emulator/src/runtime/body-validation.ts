// Small checks shared by every request parser. Each failure is a 400 ValidationException that names
// the offending field by its JSON path, the way Bedrock's messages do.
import { EmulatorError } from '../http/emulator-error';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, path: string): JsonRecord {
  if (!isRecord(value)) throw EmulatorError.validation(`${path} must be a JSON object.`);
  return value;
}

/** A missing member in Bedrock's coral wording, which names the field. */
export function missingMember(path: string): EmulatorError {
  return EmulatorError.validation(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  );
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) throw missingMember(path);
  if (!Array.isArray(value)) throw EmulatorError.validation(`${path} must be an array.`);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (value === undefined || value === null) throw missingMember(path);
  if (typeof value !== 'string') throw EmulatorError.validation(`${path} must be a string.`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, path);
}

export function optionalStringArray(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  return expectArray(value, path).map((item, index) => expectString(item, `${path}.${index}`));
}

export function optionalNumber(
  value: unknown,
  path: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value))) {
    throw EmulatorError.validation(`${path} must be ${range.integer ? 'an integer' : 'a number'}.`);
  }
  if (range.min !== undefined && value < range.min) {
    throw EmulatorError.validation(
      `1 validation error detected: Value ${value} at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${range.min}`,
    );
  }
  if (range.max !== undefined && value > range.max) {
    throw EmulatorError.validation(
      `1 validation error detected: Value ${value} at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${range.max}`,
    );
  }
  return value;
}

/** Bedrock's JSON-schema check of model-native bodies: "#: extraneous key [x] is not permitted". */
export function rejectExtraneousKeys(body: JsonRecord, allowed: readonly string[], path = '#'): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw EmulatorError.malformed(`${path}: extraneous key [${key}] is not permitted`);
  }
}

/** Bedrock's JSON-schema check of model-native bodies: "#: required key [x] not found". */
export function requireKeys(body: JsonRecord, required: readonly string[], path = '#'): void {
  for (const key of required) {
    if (body[key] === undefined || body[key] === null)
      throw EmulatorError.malformed(`${path}: required key [${key}] not found`);
  }
}

/** The body of a model-native request: a JSON object, or a clear 400. */
export function parseJsonBody(raw: Buffer | string): JsonRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw EmulatorError.validation(
      'Malformed input request: the request body is not valid JSON, please reformat your input and try again.',
    );
  }
  if (!isRecord(parsed)) throw EmulatorError.malformed('#: expected type: JSONObject');
  return parsed;
}
