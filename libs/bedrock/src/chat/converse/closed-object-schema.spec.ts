import { closeObjectSchemas } from './closed-object-schema';

describe('closeObjectSchemas', () => {
  it('closes every object node: nested properties, array items, unions and definitions', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        address: { type: 'object', properties: { city: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
        contact: { anyOf: [{ type: 'object', properties: { email: { type: 'string' } } }, { type: 'null' }] },
        owner: { $ref: '#/$defs/person' },
      },
      required: ['name'],
      $defs: { person: { type: 'object', properties: { id: { type: 'integer' } } } },
    };
    expect(closeObjectSchemas(schema)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        address: { type: 'object', additionalProperties: false, properties: { city: { type: 'string' } } },
        tags: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { label: { type: 'string' } } },
        },
        contact: {
          anyOf: [
            { type: 'object', additionalProperties: false, properties: { email: { type: 'string' } } },
            { type: 'null' },
          ],
        },
        owner: { $ref: '#/$defs/person' },
      },
      $defs: {
        person: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer' } } },
      },
    });
  });

  it('keeps what the schema already says about additional properties, and leaves the input untouched', () => {
    const schema = {
      type: 'object',
      additionalProperties: true,
      properties: { extra: { type: 'object', additionalProperties: { type: 'object', properties: {} } } },
    };
    const before = JSON.stringify(schema);
    const closed = closeObjectSchemas(schema);
    expect(closed.additionalProperties).toBe(true);
    expect((closed.properties as any).extra.additionalProperties).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
    expect(JSON.stringify(schema)).toBe(before);
  });

  it('leaves non-object schemas alone', () => {
    expect(closeObjectSchemas({ type: 'string' })).toEqual({ type: 'string' });
    expect(closeObjectSchemas({ type: ['object', 'null'] })).toEqual({
      type: ['object', 'null'],
      additionalProperties: false,
    });
  });
});
