import { OpenAIError } from '@quarry/openai';
import { decodeBase64, decodeDataUrl, isDataUrl } from './data-urls';

describe('data URLs', () => {
  it('recognises data URLs case-insensitively', () => {
    expect(isDataUrl('DATA:image/png;base64,AAAA')).toBe(true);
    expect(isDataUrl('https://example.com')).toBe(false);
  });

  it('decodes type and bytes, ignoring extra parameters and line breaks', () => {
    const decoded = decodeDataUrl('data:Image/PNG;name=a.png;base64,aGVs\nbG8=', 'p');
    expect(decoded.mimeType).toBe('image/png');
    expect(Buffer.from(decoded.bytes).toString()).toBe('hello');
  });

  it.each([
    ['data:image/png;base64', 'no comma'],
    ['data:text/plain,hello', 'must be a base64 data URL'],
    ['data:image/png;base64,', 'contains no data'],
    ['data:image/png;base64,ab$c', 'not valid base64'],
  ])('refuses %s', (url, message) => {
    expect(() => decodeDataUrl(url, 'messages[0].content[0].image_url.url')).toThrow(OpenAIError);
    expect(() => decodeDataUrl(url, 'messages[0].content[0].image_url.url')).toThrow(message);
  });

  it('accepts url-safe base64', () => {
    expect(Buffer.from(decodeBase64('-_8=', 'p'))).toEqual(Buffer.from([0xfb, 0xff]));
  });
});
