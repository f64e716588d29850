// Bedrock's native structured output (like Anthropic's API) requires `additionalProperties: false` on
// every object of the schema, and refuses the schema otherwise; OpenAI clients rarely write it (the
// OpenAI SDK's zod helpers do, hand-written schemas and LangChain's usually do not). So every object
// node gets it, wherever it sits, unless the schema already says something about it.

type Schema = Record<string, unknown>;

const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SCHEMA_MAPS = ['properties', '$defs', 'definitions', 'patternProperties'] as const;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describesObject(schema: Schema): boolean {
  const type = schema.type;
  return type === 'object' || (Array.isArray(type) && type.includes('object')) || isSchema(schema.properties);
}

/** A copy of `schema` with `additionalProperties: false` on every object node that leaves it unset. */
export function closeObjectSchemas(schema: Schema): Schema {
  const closed: Schema = { ...schema };
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (!isSchema(map)) continue;
    const copy: Schema = {};
    for (const name of Object.keys(map)) copy[name] = closeSubschema(map[name]);
    closed[key] = copy;
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) closed[key] = list.map(closeSubschema);
  }
  if (schema.items !== undefined)
    closed.items = Array.isArray(schema.items)
      ? schema.items.map(closeSubschema)
      : closeSubschema(schema.items);
  if (isSchema(schema.additionalProperties))
    closed.additionalProperties = closeObjectSchemas(schema.additionalProperties);
  if (describesObject(schema) && schema.additionalProperties === undefined)
    closed.additionalProperties = false;
  return closed;
}

function closeSubschema(value: unknown): unknown {
  return isSchema(value) ? closeObjectSchemas(value) : value;
}
