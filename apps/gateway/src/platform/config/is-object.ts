// JSON objects read from configuration and from JSON columns (litellm_params, model_info, metadata).
export function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value if it is a JSON object, else an empty one: for stored JSON that should be an object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
