import { promptWords, SchemaValueBuilder } from './schema-value';

describe('promptWords', () => {
  it('puts capitalised words that do not open a sentence first', () => {
    expect(promptWords('What is the weather in Paris? Then London.')).toEqual([
      'Paris',
      'London',
      'What',
      'weather',
      'Then',
    ]);
  });
});

describe('SchemaValueBuilder', () => {
  const build = (schema: unknown, words = ['Paris', 'Rome']) =>
    new SchemaValueBuilder(words, 'fallback').build(schema);

  it('fills required properties only, respecting their types', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        count: { type: 'integer', minimum: 3 },
        ratio: { type: 'number', maximum: 1 },
        flag: { type: 'boolean' },
        optional: { type: 'string' },
      },
      required: ['city', 'count', 'ratio', 'flag'],
    };
    expect(build(schema)).toEqual({ city: 'Paris', count: 3, ratio: 1, flag: true });
  });

  it('fills every property when none is required, and nests objects and arrays', () => {
    const schema = {
      properties: {
        stops: { type: 'array', minItems: 2, items: { type: 'string' } },
        place: { type: 'object', properties: { kind: { enum: ['museum', 'park'] } } },
      },
    };
    expect(build(schema)).toEqual({ stops: ['Paris', 'Rome'], place: { kind: 'museum' } });
  });

  it('takes const, the non-null branch of anyOf and of a type list, formats and length limits', () => {
    expect(build({ const: 7 })).toBe(7);
    expect(build({ anyOf: [{ type: 'null' }, { type: 'integer' }] })).toBe(1);
    expect(build({ type: ['null', 'boolean'] })).toBe(true);
    expect(build({ type: 'string', format: 'date' })).toBe('2025-01-01');
    expect(build({ type: 'string', maxLength: 3 })).toBe('Par');
    expect(build({ type: 'string', minLength: 8 })).toBe('Parisxxx');
    expect(new SchemaValueBuilder([], 'whole prompt').build({ type: 'string' })).toBe('whole prompt');
  });
});
