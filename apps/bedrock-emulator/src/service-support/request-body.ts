// Readers for restJson1 request bodies. Every failure names the member, as Bedrock does.
import { invalid, validationError } from './service-error';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the body as a JSON object; an empty body counts as `{}` (the SDK sends none for some operations). */
export function parseJsonObject(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
  if (!isObject(parsed)) throw invalid('The request body must be a JSON object.');
  return parsed;
}

export function optionalObject(source: JsonObject, key: string, path = key): JsonObject | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw validationError(path, 'Member must be an object', value);
  return value;
}

export function requiredObject(source: JsonObject, key: string, path = key): JsonObject {
  const value = optionalObject(source, key, path);
  if (value === undefined) throw validationError(path, 'Member must not be null');
  return value;
}

export function optionalString(source: JsonObject, key: string, path = key): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(path, 'Member must be a string', value);
  return value;
}

export function requiredString(source: JsonObject, key: string, path = key): string {
  const value = optionalString(source, key, path);
  if (value === undefined) throw validationError(path, 'Member must not be null');
  if (value.length === 0)
    throw validationError(path, 'Member must have length greater than or equal to 1', value);
  return value;
}

export function optionalInteger(
  source: JsonObject,
  key: string,
  range: { min: number; max: number },
  path = key,
): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError(path, 'Member must be an integer', value);
  }
  if (value < range.min) {
    throw validationError(path, `Member must have value greater than or equal to ${range.min}`, value);
  }
  if (value > range.max) {
    throw validationError(path, `Member must have value less than or equal to ${range.max}`, value);
  }
  return value;
}

export function optionalBoolean(source: JsonObject, key: string, path = key): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(path, 'Member must be a boolean', value);
  return value;
}

export function optionalArray(source: JsonObject, key: string, path = key): unknown[] | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError(path, 'Member must be a list', value);
  return value;
}
