// Range checks shared by the management DTOs: durations within DURATION_HINT, and JSON objects (metadata,
// aliases) within a size and depth cap, so a stored blob can never grow a response by megabytes.
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DURATION_HINT, parseDuration } from './duration';

/** Stored JSON objects: at most 16 KB (as JSON text) and 8 levels of nesting. */
export const MAX_JSON_BYTES = 16 * 1024;
export const MAX_JSON_DEPTH = 8;

/** A string that parseDuration accepts (null and undefined are left to @IsOptional). */
export function IsDuration(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDuration',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseDuration(value) !== undefined,
        defaultMessage: (args) => `${args?.property} must be ${DURATION_HINT}`,
      },
    },
    options,
  );
}

/** An object within MAX_JSON_BYTES and MAX_JSON_DEPTH. */
export function IsBoundedJson(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedJson',
      validator: {
        validate: (value: unknown) =>
          depthOf(value, 0) <= MAX_JSON_DEPTH &&
          Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= MAX_JSON_BYTES,
        defaultMessage: (args) =>
          `${args?.property} must be at most ${MAX_JSON_BYTES / 1024} KB as JSON and nested at most ${MAX_JSON_DEPTH} levels deep`,
      },
    },
    options,
  );
}

/** Nesting depth of a JSON value (a flat object is 1); stops counting past the cap. */
function depthOf(value: unknown, depth: number): number {
  if (value === null || typeof value !== 'object') return depth;
  if (depth > MAX_JSON_DEPTH) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value as object)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}
