import { once } from 'node:events';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { decodeEventFramePayload, encodeEventFrame } from '@quarry/testing';
import { eventStreamMessages, MessageSplitter } from './event-stream-messages';

const message = (text: string) => encodeEventFrame('event', 'contentBlockDelta', { delta: { text } });

const texts = (messages: Uint8Array[]) =>
  messages.map((bytes) => (decodeEventFramePayload(bytes) as { delta: { text: string } }).delta.text);

async function readAll(body: PassThrough, maxMessageBytes?: number): Promise<Uint8Array[]> {
  const messages: Uint8Array[] = [];
  for await (const bytes of eventStreamMessages(body, maxMessageBytes)) messages.push(bytes);
  return messages;
}

describe('MessageSplitter', () => {
  const words = ['Hello', ' there', ', how', ' are you', '?'];
  const stream = Buffer.concat(words.map(message));

  it('finds the same messages wherever the chunks are cut', () => {
    for (let chunkSize = 1; chunkSize <= stream.length; chunkSize++) {
      const splitter = new MessageSplitter(1024);
      const messages: Uint8Array[] = [];
      for (let offset = 0; offset < stream.length; offset += chunkSize) {
        splitter.push(stream.subarray(offset, offset + chunkSize), messages);
      }
      splitter.assertComplete();
      expect(texts(messages)).toEqual(words);
    }
  });

  it('yields a large message once all of its reads are in', () => {
    const large = message('z'.repeat(100_000));
    const splitter = new MessageSplitter(1024 * 1024);
    const messages: Uint8Array[] = [];
    for (let offset = 0; offset < large.length; offset += 1000) {
      splitter.push(large.subarray(offset, offset + 1000), messages);
      if (offset + 1000 < large.length) expect(messages).toHaveLength(0);
    }
    expect(texts(messages)).toEqual(['z'.repeat(100_000)]);
  });

  it('refuses a message larger than the cap, or one too short to be a message', () => {
    const big = message('x'.repeat(2000));
    expect(() => new MessageSplitter(1024).push(big, [])).toThrow(/2\d{3} bytes is outside the accepted/);
    const garbage = Buffer.from([0, 0, 0, 3, 1, 2, 3, 4]);
    expect(() => new MessageSplitter(1024).push(garbage, [])).toThrow(/3 bytes is outside/);
  });

  it('reports a body that ends inside a message', () => {
    const splitter = new MessageSplitter(1024);
    splitter.push(message('cut').subarray(0, 20), []);
    expect(() => splitter.assertComplete()).toThrow('Truncated event message received.');
  });
});

describe('eventStreamMessages', () => {
  it('yields every message of a body written in odd pieces', async () => {
    const body = new PassThrough();
    const reading = readAll(body);
    const bytes = Buffer.concat(['one', 'two', 'three'].map(message));
    for (let offset = 0; offset < bytes.length; offset += 7) body.write(bytes.subarray(offset, offset + 7));
    body.end();
    expect(texts(await reading)).toEqual(['one', 'two', 'three']);
  });

  it('fails on a truncated body, a dropped connection and an oversized message', async () => {
    const truncated = new PassThrough();
    const truncatedRead = readAll(truncated);
    truncated.end(message('cut short').subarray(0, 30));
    await expect(truncatedRead).rejects.toThrow('Truncated event message received.');

    const dropped = new PassThrough();
    const droppedRead = readAll(dropped);
    dropped.write(message('first'));
    dropped.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(droppedRead).rejects.toMatchObject({ code: 'ECONNRESET' });

    const closed = new PassThrough();
    const closedRead = readAll(closed);
    closed.destroy();
    await expect(closedRead).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    // Already gone before the first read: no event will come, so it must not wait for one.
    const gone = new PassThrough();
    gone.destroy();
    await once(gone, 'close');
    await expect(readAll(gone)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    const oversized = new PassThrough();
    const oversizedRead = readAll(oversized, 1024);
    oversized.write(message('x'.repeat(4096)));
    await expect(oversizedRead).rejects.toThrow(/outside the accepted/);
    expect(oversized.destroyed).toBe(true);
  });

  it('destroys the rest of the body when the consumer stops early', async () => {
    const body = new PassThrough();
    body.write(Buffer.concat([message('a'), message('b')]));
    for await (const bytes of eventStreamMessages(body)) {
      expect(texts([bytes])).toEqual(['a']);
      break;
    }
    expect(body.destroyed).toBe(true);
    expect(body.listenerCount('readable')).toBe(0);
  });
});

describe('eventStreamMessages over HTTP', () => {
  const frames = Array.from({ length: 131 }, (_, index) => message(`${index}:${'x'.repeat(8192)}`));
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    for (const frame of frames) response.write(frame);
    response.end();
  });
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function open() {
    return new Promise<{ outgoing: ReturnType<typeof request>; incoming: IncomingMessage }>((resolve) => {
      const outgoing = request(url, (incoming) => resolve({ outgoing, incoming }));
      outgoing.end();
    });
  }

  it('reads every message of a real response', async () => {
    const { incoming } = await open();
    const messages: Uint8Array[] = [];
    for await (const bytes of eventStreamMessages(incoming)) messages.push(bytes);
    expect(messages).toHaveLength(frames.length);
  });

  // Destroying a request dumps what its response still holds; a reader that missed that would end
  // "cleanly" without the last events (usage, stop reason) and the stream would be booked as complete.
  it('fails, rather than ending early, when the request is destroyed while the reader is behind', async () => {
    const { outgoing, incoming } = await open();
    const reader = eventStreamMessages(incoming);
    expect((await reader.next()).done).toBe(false);
    // Behind: bytes the reader has not pulled yet wait in the response's buffer.
    if (incoming.readableLength === 0) await once(incoming, 'readable');
    outgoing.destroy();
    let read = 1;
    const drained = (async () => {
      for (;;) {
        const next = await reader.next();
        if (next.done) return read;
        read++;
      }
    })();
    await expect(drained).rejects.toThrow();
    expect(read).toBeLessThan(frames.length);
  });
});
