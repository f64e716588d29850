// Builds a value that satisfies a JSON schema, deterministically: required properties only (all of
// them when none are marked required), enum/const first, strings taken from the prompt's words.

type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;

/** Candidate strings from the prompt: capitalised words not opening a sentence come first ("Paris"). */
export function promptWords(prompt: string): string[] {
  const tokens = prompt.split(/\s+/).filter(Boolean);
  const proper: string[] = [];
  const other: string[] = [];
  tokens.forEach((token, index) => {
    const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!word) return;
    const opensSentence = index === 0 || /[.!?:]$/.test(tokens[index - 1]);
    if (/^\p{Lu}/u.test(word) && !opensSentence) proper.push(word);
    else if (word.length > 3) other.push(word);
  });
  return [...proper, ...other];
}

export class SchemaValueBuilder {
  private nextWord = 0;

  constructor(
    private readonly words: string[],
    private readonly fallbackText: string,
  ) {}

  build(schema: unknown, depth = 0): unknown {
    if (!isSchema(schema) || depth > MAX_DEPTH) return {};
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
      const options = schema[combinator];
      if (Array.isArray(options) && options.length > 0) return this.build(firstNonNull(options), depth + 1);
    }
    switch (schemaType(schema)) {
      case 'object':
        return this.buildObject(schema, depth);
      case 'array': {
        const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
        return Array.from({ length: count }, () => this.build(schema.items ?? { type: 'string' }, depth + 1));
      }
      case 'integer':
        return Math.ceil(numberIn(schema, 1));
      case 'number':
        return numberIn(schema, 1.5);
      case 'boolean':
        return true;
      case 'null':
        return null;
      default:
        return this.buildString(schema);
    }
  }

  private buildObject(schema: Schema, depth: number): Record<string, unknown> {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required)
      ? schema.required.filter((name) => typeof name === 'string')
      : [];
    const names = required.length > 0 ? required : Object.keys(properties);
    const value: Record<string, unknown> = {};
    for (const name of names) value[name] = this.build(properties[name] ?? { type: 'string' }, depth + 1);
    return value;
  }

  private buildString(schema: Schema): string {
    switch (schema.format) {
      case 'date':
        return '2025-01-01';
      case 'date-time':
        return '2025-01-01T00:00:00Z';
      case 'email':
        return 'user@example.com';
      case 'uri':
        return 'https://example.com/';
    }
    const word = this.words.length > 0 ? this.words[this.nextWord++ % this.words.length] : this.fallbackText;
    const text = word || 'text';
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const padded = text.padEnd(minLength, 'x');
    return maxLength !== undefined ? padded.slice(0, maxLength) : padded;
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaType(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') ?? 'null';
  if (typeof schema.type === 'string') return schema.type;
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function firstNonNull(options: unknown[]): unknown {
  return options.find((option) => !(isSchema(option) && option.type === 'null')) ?? options[0];
}

function numberIn(schema: Schema, preferred: number): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (minimum !== undefined && preferred < minimum) return minimum;
  if (maximum !== undefined && preferred > maximum) return maximum;
  return preferred;
}
