import { OpenAIError, type ChatMessage } from '@quarry/openai';
import { DocumentNamer } from './documents';
import { mediaBlockFromUrl, prefetchMedia } from './media-urls';

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%fake\n');

function userWithImages(...urls: string[]): ChatMessage {
  return { role: 'user', content: urls.map((url) => ({ type: 'image_url' as const, image_url: { url } })) };
}

describe('prefetchMedia', () => {
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
    const pending = prefetchMedia(messages, fetchImage);
    // Both fetches are in flight before either finishes: they run in parallel.
    await Promise.resolve();
    expect(started).toEqual(['https://a.example/1.png', 'https://a.example/2.png']);
    releases.forEach((release) => release());
    const images = await pending;
    expect(fetchImage).toHaveBeenCalledTimes(2);
    expect(images.get('https://a.example/2.png')).toEqual({
      kind: 'image',
      image: { format: 'png', source: { bytes: PNG } },
    });
  });

  it('refuses more remote images than Converse takes, before fetching any', async () => {
    const fetchImage = jest.fn();
    const urls = Array.from({ length: 21 }, (_, index) => `https://a.example/${index}.png`);
    const failure = await prefetchMedia([userWithImages(...urls)], fetchImage).catch((error) => error);
    expect(failure).toBeInstanceOf(OpenAIError);
    expect(failure).toMatchObject({ status: 400, param: 'messages', code: 'too_many_images' });
    expect(fetchImage).not.toHaveBeenCalled();
    await expect(
      prefetchMedia([userWithImages(...urls.slice(0, 20))], async () => ({
        bytes: PNG,
        contentType: 'image/png',
      })),
    ).resolves.toHaveProperty('size', 20);
  });

  it('does nothing without remote images', async () => {
    const fetchImage = jest.fn();
    const images = await prefetchMedia([{ role: 'user', content: 'hi' }], fetchImage);
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
    const error = await prefetchMedia(
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
    const error = await prefetchMedia([userWithImages('https://a.example/x.png')], async () => {
      throw outage;
    }).catch((thrown: unknown) => thrown);
    expect(error).toBe(outage);
  });

  it('trusts the bytes over a declared image type, refuses what is neither image nor document', async () => {
    const mislabelled = await prefetchMedia([userWithImages('https://a.example/x')], async () => ({
      bytes: JPEG,
      contentType: 'image/png',
    }));
    expect(mislabelled.get('https://a.example/x')).toMatchObject({ image: { format: 'jpeg' } });
    await expect(
      prefetchMedia([userWithImages('https://a.example/x')], async () => ({
        bytes: PNG,
        contentType: 'application/zip',
      })),
    ).rejects.toThrow("returned content type 'application/zip'");
  });
  it('takes documents by their type, or a PDF by its bytes when the server says octet-stream', async () => {
    const fetched = await prefetchMedia(
      [
        userWithImages(
          'https://a.example/docs/report.pdf',
          'https://a.example/raw',
          'https://a.example/t.csv',
        ),
      ],
      async (url) =>
        url.endsWith('.pdf')
          ? { bytes: PDF, contentType: 'application/pdf' }
          : url.endsWith('raw')
            ? { bytes: PDF, contentType: 'application/octet-stream' }
            : { bytes: Buffer.from('a,b'), contentType: 'text/csv' },
    );
    expect(fetched.get('https://a.example/docs/report.pdf')).toMatchObject({
      kind: 'document',
      format: 'pdf',
      filename: 'report.pdf',
    });
    expect(fetched.get('https://a.example/raw')).toMatchObject({ kind: 'document', format: 'pdf' });
    expect(fetched.get('https://a.example/t.csv')).toMatchObject({ kind: 'document', format: 'csv' });
  });
});

describe('mediaBlockFromUrl', () => {
  it('decodes image data URLs and serves prefetched images', () => {
    const prefetched = new Map([
      [
        'https://a.example/1.png',
        { kind: 'image' as const, image: { format: 'gif' as const, source: { bytes: PNG } } },
      ],
    ]);
    expect(
      mediaBlockFromUrl(
        `data:image/png;base64,${PNG.toString('base64')}`,
        'p',
        prefetched,
        new DocumentNamer(),
      ),
    ).toEqual({ image: { format: 'png', source: { bytes: PNG } } });
    expect(mediaBlockFromUrl('https://a.example/1.png', 'p', prefetched, new DocumentNamer())).toEqual({
      image: { format: 'gif', source: { bytes: PNG } },
    });
  });

  it('turns a PDF data URL into a document with a valid generated name, unique in the request', () => {
    const namer = new DocumentNamer();
    const url = `data:application/pdf;base64,${PDF.toString('base64')}`;
    expect(mediaBlockFromUrl(url, 'p', new Map(), namer)).toEqual({
      document: { format: 'pdf', name: 'document-1', source: { bytes: PDF } },
    });
    expect(mediaBlockFromUrl(url, 'p', new Map(), namer)).toMatchObject({ document: { name: 'document-2' } });
  });

  it('names a fetched document after its file', () => {
    const prefetched = new Map([
      [
        'https://a.example/dummy.pdf',
        { kind: 'document' as const, format: 'pdf' as const, bytes: PDF, filename: 'dummy.pdf' },
      ],
    ]);
    expect(mediaBlockFromUrl('https://a.example/dummy.pdf', 'p', prefetched, new DocumentNamer())).toEqual({
      document: { format: 'pdf', name: 'dummy', source: { bytes: PDF } },
    });
  });

  it('refuses a data URL that is neither image nor document, naming the field', () => {
    expect(() =>
      mediaBlockFromUrl(
        'data:application/zip;base64,UEsDBA==',
        'messages[0].content[1].image_url.url',
        new Map(),
        new DocumentNamer(),
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: 'messages[0].content[1].image_url.url' }));
  });
});
