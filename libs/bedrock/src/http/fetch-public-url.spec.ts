import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OpenAIError } from '@quarry/openai';
import {
  fetchPublicUrl,
  nodeHttpsTransport,
  pinnedLookup,
  type HttpsTransport,
  type ResolveHost,
  type TransportRequest,
  type TransportResponse,
} from './fetch-public-url';

const PUBLIC_ADDRESS = '93.184.215.14';

interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  chunks?: Uint8Array[];
}

/** Answers each URL from a script and records what was asked, including the pinned address. */
function scriptedTransport(script: Record<string, ScriptedResponse>) {
  const requests: TransportRequest[] = [];
  let discarded = 0;
  const transport: HttpsTransport = async (request) => {
    requests.push(request);
    const scripted = script[request.url.toString()];
    if (!scripted) throw new Error(`unexpected request to ${request.url.toString()}`);
    const response: TransportResponse = {
      status: scripted.status,
      headers: scripted.headers ?? {},
      body: (async function* () {
        for (const chunk of scripted.chunks ?? []) yield chunk;
      })(),
      discard: () => {
        discarded++;
      },
    };
    return response;
  };
  return { transport, requests, discarded: () => discarded };
}

function staticLookup(table: Record<string, string[]>): ResolveHost {
  return async (hostname) =>
    (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

async function failure(promise: Promise<unknown>): Promise<OpenAIError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OpenAIError);
  return error as OpenAIError;
}

const PNG_BYTES = Buffer.from('89504e470d0a1a0a', 'hex');

describe('fetchPublicUrl', () => {
  const lookup = staticLookup({
    'images.example.com': [PUBLIC_ADDRESS],
    'cdn.example.com': [PUBLIC_ADDRESS],
    'internal.example.com': ['10.0.0.7'],
    'mixed.example.com': [PUBLIC_ADDRESS, '127.0.0.1'],
    'metadata.example.com': ['169.254.169.254'],
    'v6metadata.example.com': ['fd00:ec2::254'],
  });

  it('fetches a public https URL, connecting to the vetted address', async () => {
    const { transport, requests } = scriptedTransport({
      'https://images.example.com/cat.png': {
        status: 200,
        headers: { 'content-type': 'image/png' },
        chunks: [PNG_BYTES],
      },
    });
    const fetched = await fetchPublicUrl('https://images.example.com/cat.png', { lookup, transport });
    expect(Buffer.from(fetched.bytes)).toEqual(PNG_BYTES);
    expect(fetched.contentType).toBe('image/png');
    expect(requests).toHaveLength(1);
    expect(requests[0].address).toBe(PUBLIC_ADDRESS);
    expect(requests[0].rejectUnauthorized).toBe(true);
  });

  it.each([
    ['http://images.example.com/cat.png', 'only https URLs'],
    ['ftp://images.example.com/cat.png', 'only https URLs'],
    ['file:///etc/passwd', 'only https URLs'],
    ['https://user:secret@images.example.com/cat.png', 'credentials'],
    ['not a url', 'not a valid URL'],
    ['https://internal.example.com/x', 'non-public address (private)'],
    ['https://mixed.example.com/x', 'non-public address (loopback)'],
    ['https://metadata.example.com/latest/meta-data/', 'non-public address (cloud-metadata)'],
    ['https://v6metadata.example.com/', 'non-public address (cloud-metadata)'],
    ['https://169.254.169.254/latest/meta-data/', 'non-public address (cloud-metadata)'],
    ['https://127.0.0.1/', 'non-public address (loopback)'],
    ['https://[::1]/', 'non-public address (loopback)'],
    ['https://[::ffff:10.0.0.1]/', 'non-public address (private)'],
    ['https://nowhere.example.com/', 'does not resolve'],
  ])('refuses %s before connecting', async (url, reason) => {
    const { transport, requests } = scriptedTransport({});
    const error = await failure(fetchPublicUrl(url, { lookup, transport }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('image_url.url');
    expect(error.message).toContain(reason);
    expect(requests).toHaveLength(0);
  });

  it('follows relative and absolute redirects, re-vetting each target', async () => {
    const { transport, requests } = scriptedTransport({
      'https://images.example.com/a': { status: 302, headers: { location: '/b' } },
      'https://images.example.com/b': { status: 301, headers: { location: 'https://cdn.example.com/c' } },
      'https://cdn.example.com/c': {
        status: 200,
        headers: { 'content-type': 'image/png' },
        chunks: [PNG_BYTES],
      },
    });
    const fetched = await fetchPublicUrl('https://images.example.com/a', { lookup, transport });
    expect(fetched.url).toBe('https://cdn.example.com/c');
    expect(requests.map((request) => request.url.toString())).toEqual([
      'https://images.example.com/a',
      'https://images.example.com/b',
      'https://cdn.example.com/c',
    ]);
  });

  it.each([
    ['https://internal.example.com/secret', 'non-public address (private)'],
    ['https://169.254.169.254/latest/meta-data/iam/', 'non-public address (cloud-metadata)'],
    ['http://cdn.example.com/c', 'only https URLs'],
  ])('refuses a redirect to %s', async (location, reason) => {
    const { transport, requests, discarded } = scriptedTransport({
      'https://images.example.com/a': { status: 307, headers: { location } },
    });
    const error = await failure(fetchPublicUrl('https://images.example.com/a', { lookup, transport }));
    expect(error.message).toContain(reason);
    expect(requests).toHaveLength(1);
    expect(discarded()).toBe(1);
  });

  it('stops after 3 redirects', async () => {
    const { transport, requests } = scriptedTransport({
      'https://images.example.com/1': { status: 302, headers: { location: '/2' } },
      'https://images.example.com/2': { status: 302, headers: { location: '/3' } },
      'https://images.example.com/3': { status: 302, headers: { location: '/4' } },
      'https://images.example.com/4': { status: 302, headers: { location: '/5' } },
    });
    const error = await failure(fetchPublicUrl('https://images.example.com/1', { lookup, transport }));
    expect(error.message).toContain('more than 3 redirects');
    expect(requests).toHaveLength(4);
  });

  it('refuses a redirect without a Location header', async () => {
    const { transport } = scriptedTransport({ 'https://images.example.com/a': { status: 302 } });
    const error = await failure(fetchPublicUrl('https://images.example.com/a', { lookup, transport }));
    expect(error.message).toContain('without a Location header');
  });

  it('refuses non-2xx answers', async () => {
    const { transport, discarded } = scriptedTransport({ 'https://images.example.com/a': { status: 404 } });
    const error = await failure(fetchPublicUrl('https://images.example.com/a', { lookup, transport }));
    expect(error.message).toContain('HTTP 404');
    expect(discarded()).toBe(1);
  });

  it('refuses a body announced as too large without reading it', async () => {
    const { transport, discarded } = scriptedTransport({
      'https://images.example.com/big': { status: 200, headers: { 'content-length': '101' }, chunks: [] },
    });
    const error = await failure(
      fetchPublicUrl('https://images.example.com/big', { lookup, transport, maxBytes: 100 }),
    );
    expect(error.message).toContain('larger than 100 bytes');
    expect(discarded()).toBe(1);
  });

  it('aborts a streamed body once it passes maxBytes', async () => {
    const chunk = new Uint8Array(60);
    const { transport, discarded } = scriptedTransport({
      'https://images.example.com/stream': { status: 200, chunks: [chunk, chunk, chunk] },
    });
    const error = await failure(
      fetchPublicUrl('https://images.example.com/stream', { lookup, transport, maxBytes: 100 }),
    );
    expect(error.message).toContain('larger than 100 bytes');
    expect(discarded()).toBe(1);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const { transport } = scriptedTransport({
      'https://images.example.com/exact': { status: 200, chunks: [new Uint8Array(60), new Uint8Array(40)] },
    });
    const fetched = await fetchPublicUrl('https://images.example.com/exact', {
      lookup,
      transport,
      maxBytes: 100,
    });
    expect(fetched.bytes.byteLength).toBe(100);
  });

  it('gives up when the server does not answer in time', async () => {
    const hanging: HttpsTransport = () => new Promise<TransportResponse>(() => undefined);
    const error = await failure(
      fetchPublicUrl('https://images.example.com/slow', { lookup, transport: hanging, timeoutMs: 20 }),
    );
    expect(error.message).toContain('no complete answer within 20 ms');
  });

  it('gives up when DNS does not answer in time', async () => {
    const hangingLookup: ResolveHost = () => new Promise(() => undefined);
    const { transport } = scriptedTransport({});
    const error = await failure(
      fetchPublicUrl('https://images.example.com/x', { lookup: hangingLookup, transport, timeoutMs: 20 }),
    );
    expect(error.message).toContain('no complete answer');
  });

  it('names the requested field in errors', async () => {
    const error = await failure(
      fetchPublicUrl('http://images.example.com/x', { param: 'messages[0].content[1].image_url.url' }),
    );
    expect(error.param).toBe('messages[0].content[1].image_url.url');
  });

  it('turns transport failures into a 400', async () => {
    const broken: HttpsTransport = async () => {
      throw new Error('ECONNRESET');
    };
    const error = await failure(
      fetchPublicUrl('https://images.example.com/x', { lookup, transport: broken }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('ECONNRESET');
  });
});

describe('pinnedLookup', () => {
  it('answers the vetted address whatever name it is asked about, in both callback styles', () => {
    const lookup = pinnedLookup('203.0.113.5', 4);
    const single = jest.fn();
    lookup('evil.example.com', {}, single);
    expect(single).toHaveBeenCalledWith(null, '203.0.113.5', 4);
    const all = jest.fn();
    lookup('evil.example.com', { all: true }, all);
    expect(all).toHaveBeenCalledWith(null, [{ address: '203.0.113.5', family: 4 }]);
  });
});

describe('nodeHttpsTransport', () => {
  let server: Server;
  let port: number;
  const fixtures = path.join(__dirname, '__fixtures__');

  beforeAll(async () => {
    server = createServer(
      {
        cert: readFileSync(path.join(fixtures, 'self-signed-test-cert.pem')),
        key: readFileSync(path.join(fixtures, 'self-signed-test-key.pem')),
      },
      (request, response) => {
        response.writeHead(200, { 'content-type': 'image/png', 'x-seen-host': request.headers.host ?? '' });
        response.end(PNG_BYTES);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('connects to the pinned address while keeping the URL host (images.test does not resolve anywhere)', async () => {
    const controller = new AbortController();
    const response = await nodeHttpsTransport({
      url: new URL(`https://images.test:${port}/cat.png`),
      address: '127.0.0.1',
      family: 4,
      signal: controller.signal,
      rejectUnauthorized: false,
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body) chunks.push(chunk);
    expect(response.status).toBe(200);
    expect(response.headers['x-seen-host']).toBe(`images.test:${port}`);
    expect(Buffer.concat(chunks)).toEqual(PNG_BYTES);
  });

  it('checks certificates by default', async () => {
    const controller = new AbortController();
    await expect(
      nodeHttpsTransport({
        url: new URL(`https://images.test:${port}/cat.png`),
        address: '127.0.0.1',
        family: 4,
        signal: controller.signal,
        rejectUnauthorized: true,
      }),
    ).rejects.toThrow(/self[- ]signed/i);
  });
});
