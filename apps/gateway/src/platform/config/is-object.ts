export function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value if it is a plain object, otherwise an empty one (for JSON columns read leniently). */
export function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
