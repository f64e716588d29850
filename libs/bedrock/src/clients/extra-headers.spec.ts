import type { MiddlewareStack } from '@smithy/types';
import { extraHeadersFrom, extraHeadersPlugin } from './extra-headers';

/** Runs the plugin's middleware on a request with these headers and returns what it passed on. */
async function headersAfter(
  extra: Record<string, string>,
  signed: boolean,
  headers: Record<string, string>,
): Promise<Record<string, string>> {
  let middleware: any;
  const stack = { addRelativeTo: (added: unknown) => (middleware = added) } as unknown as MiddlewareStack<
    object,
    object
  >;
  extraHeadersPlugin(extra, signed).applyToStack(stack);
  let seen: Record<string, string> = {};
  await middleware((args: any) => {
    seen = args.request.headers;
    return Promise.resolve({ output: {}, response: {} });
  }, {})({ input: {}, request: { headers: { ...headers } } });
  return seen;
}

describe('extra_headers', () => {
  const signedRequest = { authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20261203T000000Z', host: 'h' };
  const extra = { 'x-corp-proxy': 'team-a', authorization: 'Basic cHJveHk=', 'x-amz-date': 'forged' };

  it('adds headers but never replaces the signature headers of a signing client', async () => {
    expect(await headersAfter(extra, true, signedRequest)).toEqual({
      ...signedRequest,
      'x-corp-proxy': 'team-a',
    });
  });

  it('lets a deployment without credentials set any header, authorization included', async () => {
    expect(await headersAfter(extra, false, { host: 'h' })).toEqual({ host: 'h', ...extra });
  });

  it('reads extra_headers from litellm_params, refusing what is not a header', () => {
    expect(extraHeadersFrom({ 'X-Corp-Proxy': 'a' })).toEqual({ 'x-corp-proxy': 'a' });
    expect(extraHeadersFrom(undefined)).toBeUndefined();
    expect(() => extraHeadersFrom(['a'])).toThrow('extra_headers must be an object');
    expect(() => extraHeadersFrom({ 'x-n': 5 })).toThrow('extra_headers.x-n');
    expect(() => extraHeadersFrom({ 'bad name': 'v' })).toThrow('extra_headers.bad name');
  });
});
