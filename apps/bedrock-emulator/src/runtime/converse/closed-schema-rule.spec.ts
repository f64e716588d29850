import { checkClosedObjects } from './closed-schema-rule';

describe('checkClosedObjects (Bedrock native structured output)', () => {
  it('accepts a schema whose every object is closed', () => {
    expect(() =>
      checkClosedObjects({
        type: 'object',
        additionalProperties: false,
        properties: {
          tags: { type: 'array', items: { type: 'object', properties: {}, additionalProperties: false } },
        },
      }),
    ).not.toThrow();
  });

  it('refuses an open object at the root, in items, anyOf and $defs, naming where', () => {
    expect(() => checkClosedObjects({ type: 'object', properties: {} })).toThrow(
      /'additionalProperties' must be explicitly set to false \(at #\)/,
    );
    const nested = (inner: Record<string, unknown>) => ({
      type: 'object',
      additionalProperties: false,
      ...inner,
    });
    expect(() =>
      checkClosedObjects(nested({ properties: { list: { type: 'array', items: { type: 'object' } } } })),
    ).toThrow('#/properties/list/items');
    expect(() => checkClosedObjects(nested({ anyOf: [{ type: 'object' }] }))).toThrow('#/anyOf/0');
    expect(() => checkClosedObjects(nested({ $defs: { city: { type: 'object' } } }))).toThrow('#/$defs/city');
  });
});
