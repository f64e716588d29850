import { OpenAIError, type ChatMessage } from '@quarry/openai';
import { imageBlockFromUrl, imageFormatFromMimeType, prefetchImages, sniffImageFormat } from './images';

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

function userWithImages(...urls: string[]): ChatMessage {
  return { role: 'user', content: urls.map((url) => ({ type: 'image_url' as const, image_url: { url } })) };
}

describe('image formats', () => {
  it.each([
    ['image/png', 'png'],
    ['image/jpeg', 'jpeg'],
    ['image/jpg', 'jpeg'],
    ['IMAGE/GIF', 'gif'],
    ['image/webp; charset=binary', 'webp'],
    ['image/bmp', undefined],
    ['image/svg+xml', undefined],
  ])('%s → %s', (mimeType, format) => {
    expect(imageFormatFromMimeType(mimeType)).toBe(format);
  });

  it('sniffs each format from its magic number', () => {
    expect(sniffImageFormat(PNG)).toBe('png');
    expect(sniffImageFormat(JPEG)).toBe('jpeg');
    expect(sniffImageFormat(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(Buffer.from('<html>'))).toBeUndefined();
  });
});

describe('prefetchImages', () => {
  it('fetches each https URL once, in parallel, and leaves data URLs alone', async () => {
    const started: string[] = [];
    const releases: Array<() => void> = [];
    const fetchImage = jest.fn(
      (url: string) =>
        new Promise<{ bytes: Uint8Array; contentType: string }>((resolve) => {
          started.push(url);
          releases.push(() => resolve({ bytes: PNG, contentType: 'image/png' }));
        }),
    );
    const messages: ChatMessage[] = [
      userWithImages('https://a.example/1.png', 'data:image/png;base64,iVBORw0KGgo='),
      {
        role: 'tool',
        tool_call_id: 'c',
        content: [{ type: 'image_url', image_url: { url: 'https://a.example/2.png' } }],
      },
      userWithImages('https://a.example/1.png'),
    ];
    const pending = prefetchImages(messages, fetchImage);
    // Both fetches are in flight before either finishes: they run in parallel.
    await Promise.resolve();
    expect(started).toEqual(['https://a.example/1.png', 'https://a.example/2.png']);
    releases.forEach((release) => release());
    const images = await pending;
    expect(fetchImage).toHaveBeenCalledTimes(2);
    expect(images.get('https://a.example/2.png')).toEqual({ format: 'png', source: { bytes: PNG } });
  });

  it('refuses more remote images than Converse takes, before fetching any', async () => {
    const fetchImage = jest.fn();
    const urls = Array.from({ length: 21 }, (_, index) => `https://a.example/${index}.png`);
    const failure = await prefetchImages([userWithImages(...urls)], fetchImage).catch((error) => error);
    expect(failure).toBeInstanceOf(OpenAIError);
    expect(failure).toMatchObject({ status: 400, param: 'messages', code: 'too_many_images' });
    expect(fetchImage).not.toHaveBeenCalled();
    await expect(
      prefetchImages([userWithImages(...urls.slice(0, 20))], async () => ({
        bytes: PNG,
        contentType: 'image/png',
      })),
    ).resolves.toHaveProperty('size', 20);
  });

  it('does nothing without remote images', async () => {
    const fetchImage = jest.fn();
    const images = await prefetchImages([{ role: 'user', content: 'hi' }], fetchImage);
    expect(images.size).toBe(0);
    expect(fetchImage).not.toHaveBeenCalled();
  });

  it('names the exact part when the guarded fetch refuses a URL', async () => {
    const fetchImage = jest.fn(async () => {
      throw OpenAIError.badRequest(
        'image_url.url could not be fetched: a.example resolves to a non-public address',
        'image_url.url',
      );
    });
    const error = await prefetchImages(
      [{ role: 'user', content: 'x' }, userWithImages('https://a.example/x.png')],
      fetchImage,
    ).catch((thrown: OpenAIError) => thrown);
    expect(error).toBeInstanceOf(OpenAIError);
    expect((error as OpenAIError).param).toBe('messages[1].content[0].image_url.url');
    expect((error as OpenAIError).message).toBe(
      'messages[1].content[0].image_url.url could not be fetched: a.example resolves to a non-public address',
    );
  });

  it('keeps non-400 errors of the fetcher as they are', async () => {
    const outage = new OpenAIError(503, 'fetcher overloaded');
    const error = await prefetchImages([userWithImages('https://a.example/x.png')], async () => {
      throw outage;
    }).catch((thrown: unknown) => thrown);
    expect(error).toBe(outage);
  });

  it('trusts the bytes over a declared image type, refuses a non-image type', async () => {
    const mislabelled = await prefetchImages([userWithImages('https://a.example/x')], async () => ({
      bytes: JPEG,
      contentType: 'image/png',
    }));
    expect(mislabelled.get('https://a.example/x')?.format).toBe('jpeg');
    await expect(
      prefetchImages([userWithImages('https://a.example/x')], async () => ({
        bytes: PNG,
        contentType: 'text/plain',
      })),
    ).rejects.toThrow("returned content type 'text/plain'");
  });
});

describe('imageBlockFromUrl', () => {
  it('decodes data URLs and serves prefetched URLs', () => {
    const prefetched = new Map([
      ['https://a.example/1.png', { format: 'gif' as const, source: { bytes: PNG } }],
    ]);
    expect(imageBlockFromUrl(`data:image/png;base64,${PNG.toString('base64')}`, 'p', prefetched)).toEqual({
      format: 'png',
      source: { bytes: PNG },
    });
    expect(imageBlockFromUrl('https://a.example/1.png', 'p', prefetched).format).toBe('gif');
  });
});
