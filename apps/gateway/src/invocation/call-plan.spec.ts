import type { ResolvedDeployment } from './deployments/resolved-deployment';
import type { Invocation } from './invocation';
import { servedBy, translationsOf } from './call-plan';

function deployment(id: string, mode = 'chat'): ResolvedDeployment {
  return { deployment: { id }, mode } as unknown as ResolvedDeployment;
}

/** An invocation whose translations the test settles by hand, counting how many were made. */
function handTranslated() {
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let made = 0;
  const invocation = {
    kind: 'unary',
    model: 'm',
    modes: ['chat'],
    translate: (target: ResolvedDeployment) => {
      made++;
      return new Promise((resolve, reject) => pending.set(target.deployment.id, { resolve, reject }));
    },
  } as unknown as Invocation;
  return { invocation, pending, made: () => made };
}

describe('translationsOf', () => {
  it('makes each deployment’s translation once, and ready() gives it only once it has settled', async () => {
    const { invocation, pending, made } = handTranslated();
    const translations = translationsOf(invocation);
    const [a, b] = [deployment('a'), deployment('b')];

    const first = translations(a);
    expect(translations(a)).toBe(first);
    expect(translations.ready(a)).toBeUndefined();
    pending.get('a')!.resolve('for a');
    await expect(first).resolves.toBe('for a');
    expect(translations.ready(a)).toBe('for a');

    const second = translations(b);
    expect(translations(b)).toBe(second);
    expect(translations.ready(b)).toBeUndefined();
    pending.get('b')!.resolve('for b');
    await second;
    expect(translations.ready(b)).toBe('for b');
    expect(translations.ready(a)).toBe('for a');
    expect(made()).toBe(2);
  });

  it('a failed translation is its caller’s: ready() stays undefined and no rejection goes unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { invocation, pending } = handTranslated();
      const translations = translationsOf(invocation);
      const [a, b] = [deployment('a'), deployment('b')];
      const first = translations(a);
      const other = translations(b);
      pending.get('a')!.reject(new Error('bad image'));
      pending.get('b')!.reject(new Error('bad image'));
      await expect(first).rejects.toThrow('bad image');
      await expect(other).rejects.toThrow('bad image');
      await new Promise((resolve) => setImmediate(resolve));
      expect(translations.ready(a)).toBeUndefined();
      expect(translations.ready(b)).toBeUndefined();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a translation that throws at once is a rejection too, as from an async translate', async () => {
    // /v1/messages translates synchronously (Promise.resolve(translateMessages(…))): a 400 thrown there
    // for a fallback model's deployment must reach FallbackPlanner.accepts as a rejection, which passes
    // that model over, not as a throw that ends the whole call.
    const refused = new Error('agents cannot serve the Messages API');
    const invocation = {
      translate: () => {
        throw refused;
      },
    } as unknown as Invocation;
    const translations = translationsOf(invocation);
    const a = deployment('a');
    let made: Promise<unknown> | undefined;
    expect(() => (made = translations(a))).not.toThrow();
    await expect(made).rejects.toBe(refused);
    expect(translations(a)).toBe(made);
    expect(translations.ready(a)).toBeUndefined();
  });
});

describe('servedBy', () => {
  const invocation = { modes: ['chat'] } as unknown as Invocation;

  it('is the list itself when every deployment serves the surface', () => {
    const all = Object.freeze([deployment('a'), deployment('b')]);
    expect(servedBy(invocation, all)).toBe(all);
  });

  it('leaves out the deployments that do not serve it', () => {
    const [a, b] = [deployment('a'), deployment('b', 'embedding')];
    expect(servedBy(invocation, [a, b])).toEqual([a]);
  });
});
