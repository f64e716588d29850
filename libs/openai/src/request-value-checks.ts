// Small, allocation-free checks shared by the request parsers. Each throws an OpenAI 400 that
// names the offending field, so a client can find its mistake without reading our code.
import { OpenAIError } from './errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a string", "null", "an array", … for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a non-finite number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function invalid(message: string, param: string | null): never {
  throw OpenAIError.badRequest(message, param);
}

export function expectRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) invalid(`${param} must be an object, got ${describeValue(value)}`, param);
  return value;
}

export function expectString(value: unknown, param: string): string {
  if (typeof value !== 'string') invalid(`${param} must be a string, got ${describeValue(value)}`, param);
  return value;
}

export function expectNonEmptyString(value: unknown, param: string): string {
  expectString(value, param);
  if ((value as string).length === 0) invalid(`${param} must not be empty`, param);
  return value as string;
}

/** undefined and null mean "not given" for every optional field, as in OpenAI's API. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function checkOptionalString(value: unknown, param: string): void {
  if (!isAbsent(value)) expectString(value, param);
}

/**
 * An identifier the gateway keeps (the end user in spend rows): a string without U+0000, which no
 * database text column can store and which no real identifier contains.
 */
export function checkOptionalStorableString(value: unknown, param: string): void {
  if (isAbsent(value)) return;
  expectString(value, param);
  if ((value as string).includes('\u0000'))
    invalid(`${param} must not contain the NUL character (U+0000)`, param);
}

export function checkOptionalBoolean(value: unknown, param: string): void {
  if (!isAbsent(value) && typeof value !== 'boolean') {
    invalid(`${param} must be a boolean, got ${describeValue(value)}`, param);
  }
}

export function checkOptionalNumber(value: unknown, param: string, minimum: number, maximum: number): void {
  if (isAbsent(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalid(`${param} must be a number, got ${describeValue(value)}`, param);
  }
  if (value < minimum || value > maximum) {
    invalid(`${param} must be between ${minimum} and ${maximum}, got ${value}`, param);
  }
}

export function checkOptionalInteger(value: unknown, param: string, minimum: number, maximum?: number): void {
  if (isAbsent(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    invalid(`${param} must be an integer, got ${describeValue(value)}`, param);
  }
  if (value < minimum) invalid(`${param} must be at least ${minimum}, got ${value}`, param);
  if (maximum !== undefined && value > maximum) {
    invalid(`${param} must be at most ${maximum}, got ${value}`, param);
  }
}

export function checkOptionalEnum(value: unknown, param: string, allowed: readonly string[]): void {
  if (isAbsent(value)) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    invalid(`${param} must be one of ${allowed.map((option) => `'${option}'`).join(', ')}`, param);
  }
}

const CACHE_TTLS = ['5m', '1h'] as const;

export function checkOptionalCacheControl(value: unknown, param: string): void {
  if (isAbsent(value)) return;
  const cacheControl = expectRecord(value, param);
  if (cacheControl.type !== 'ephemeral') invalid(`${param}.type must be 'ephemeral'`, `${param}.type`);
  checkOptionalEnum(cacheControl.ttl, `${param}.ttl`, CACHE_TTLS);
}
