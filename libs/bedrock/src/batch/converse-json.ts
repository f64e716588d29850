// A Converse input as JSON, the way it travels in a batch record: byte blobs (images, documents) as
// base64 strings, as on Bedrock's own JSON wire. `modelId` stays out: the job names the model.
export function converseInputJson(input: object): Record<string, unknown> {
  const { modelId: _modelId, ...rest } = input as Record<string, unknown>;
  return jsonOf(rest) as Record<string, unknown>;
}

function jsonOf(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonOf);
  if (value !== null && typeof value === 'object') {
    const converted: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) converted[key] = jsonOf(item);
    return converted;
  }
  return value;
}
