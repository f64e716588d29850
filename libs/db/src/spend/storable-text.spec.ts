import { storableJson, storableText } from './storable-text';

describe('storableText', () => {
  it('shows a NUL as the visible escape \\u0000 (Postgres text refuses the character)', () => {
    expect(storableText('model\u0000name')).toBe('model\\u0000name');
  });

  it('turns an unpaired surrogate, high or low, into U+FFFD and keeps paired ones', () => {
    expect(storableText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(storableText('end user 😀')).toBe('end user 😀');
  });

  it('hands back a text that needs nothing as it is', () => {
    const text = 'bench-0ms';
    expect(storableText(text)).toBe(text);
  });
});

describe('storableJson', () => {
  it('makes every string storable and keeps times and non-finite numbers readable', () => {
    expect(
      storableJson({
        id: 'x\u0000',
        at: new Date('2026-01-02T03:04:05Z'),
        cost: Number.NaN,
        skipped: undefined,
      }),
    ).toEqual({ id: 'x\\u0000', at: '2026-01-02T03:04:05.000Z', cost: 'NaN' });
  });
});
