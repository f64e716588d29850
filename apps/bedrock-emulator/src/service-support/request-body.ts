// The one kit every service (runtime, agent runtime, control plane) reads JSON request bodies with.
// Readers take a value and its JSON path; a failure is a 400 ValidationException in AWS's constraint
// wording that names the member by that path, as Bedrock's messages do. Model-native InvokeModel
// bodies are also checked against their JSON schema, in the different wording Bedrock uses there.
import { EmulatorError } from '../http/emulator-error';
import { validationError } from './service-error';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object; an empty body counts as `{}` (the SDK sends none for some operations). */
export function parseJsonBody(raw: Buffer | string): JsonRecord {
  if (raw.length === 0) return {};
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

export function missingMember(path: string): EmulatorError {
  return validationError(path, 'Member must not be null');
}

const absent = (value: unknown) => value === undefined || value === null;

export function expectRecord(value: unknown, path: string): JsonRecord {
  if (absent(value)) throw missingMember(path);
  if (!isRecord(value)) throw validationError(path, 'Member must be an object', value);
  return value;
}

export function optionalRecord(value: unknown, path: string): JsonRecord | undefined {
  return absent(value) ? undefined : expectRecord(value, path);
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (absent(value)) throw missingMember(path);
  if (!Array.isArray(value)) throw validationError(path, 'Member must be a list', value);
  return value;
}

export function optionalArray(value: unknown, path: string): unknown[] | undefined {
  return absent(value) ? undefined : expectArray(value, path);
}

export function expectString(value: unknown, path: string): string {
  if (absent(value)) throw missingMember(path);
  if (typeof value !== 'string') throw validationError(path, 'Member must be a string', value);
  return value;
}

/** A required string member of AWS's usual `min: 1` length. */
export function expectNonEmptyString(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (text.length === 0)
    throw validationError(path, 'Member must have length greater than or equal to 1', text);
  return text;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return absent(value) ? undefined : expectString(value, path);
}

export function optionalStringArray(value: unknown, path: string): string[] {
  if (absent(value)) return [];
  return expectArray(value, path).map((item, index) => expectString(item, `${path}.${index}`));
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'boolean') throw validationError(path, 'Member must be a boolean', value);
  return value;
}

export function optionalNumber(
  value: unknown,
  path: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value))) {
    throw validationError(path, `Member must be ${range.integer ? 'an integer' : 'a number'}`, value);
  }
  if (range.min !== undefined && value < range.min)
    throw validationError(path, `Member must have value greater than or equal to ${range.min}`, value);
  if (range.max !== undefined && value > range.max)
    throw validationError(path, `Member must have value less than or equal to ${range.max}`, value);
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
    if (absent(body[key])) throw EmulatorError.malformed(`${path}: required key [${key}] not found`);
  }
}
