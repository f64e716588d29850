/** A value read from a JSON column, as stored (metadata, aliases, litellm_params, model_info). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** A JSON object to write into a JSON column (a request's metadata, a deployment's params). */
export type JsonObject = Readonly<Record<string, unknown>>;
