// Bedrock's rule for native structured output (as Anthropic's API): every object node of the schema
// must say `additionalProperties: false`. Real Bedrock refuses anything else with a ValidationException,
// so the emulator does too — otherwise a gateway that forgets the rule would pass every test.
import { EmulatorError } from '../../http/emulator-error';
import { isRecord } from '../../service-support/request-body';

const NESTED_SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const NESTED_SCHEMA_MAPS = ['properties', '$defs', 'definitions', 'patternProperties'];

export function checkClosedObjects(schema: unknown, path = '#'): void {
  if (!isRecord(schema)) return;
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObject && schema.additionalProperties !== false) {
    throw EmulatorError.validation(
      `The model returned the following errors: output_format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false (at ${path})`,
    );
  }
  for (const key of NESTED_SCHEMA_MAPS) {
    const map = schema[key];
    if (isRecord(map))
      for (const [name, child] of Object.entries(map)) checkClosedObjects(child, `${path}/${key}/${name}`);
  }
  for (const key of NESTED_SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list))
      list.forEach((child, index) => checkClosedObjects(child, `${path}/${key}/${index}`));
  }
  if (schema.items !== undefined) checkClosedObjects(schema.items, `${path}/items`);
}
