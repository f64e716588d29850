import { extractPresentedKey } from './key-headers';

describe('extractPresentedKey', () => {
  it.each([
    [{ authorization: 'Bearer sk-abc' }, 'sk-abc'],
    [{ authorization: 'bearer   sk-abc ' }, 'sk-abc'],
    [{ 'x-api-key': 'sk-abc' }, 'sk-abc'],
    [{ 'x-litellm-api-key': 'Bearer sk-abc' }, 'sk-abc'],
    [{ litellm_user_api_key: 'sk-abc' }, 'sk-abc'],
    [
      { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/x, Signature=y', 'x-litellm-api-key': 'sk-abc' },
      'sk-abc',
    ],
    [{ authorization: 'Bearer sk-first', 'x-api-key': 'sk-second' }, 'sk-first'],
    [{}, undefined],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, undefined],
    [{ 'x-api-key': '   ' }, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(extractPresentedKey(headers)).toBe(expected);
  });
});
