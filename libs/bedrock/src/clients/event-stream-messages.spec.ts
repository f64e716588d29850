import { PassThrough } from 'node:stream';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { eventStreamMessages, MessageSplitter } from './event-stream-messages';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

function message(text: string): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'contentBlockDelta' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ delta: { text } }))),
  });
}

const texts = (messages: Uint8Array[]) =>
  messages.map((bytes) => JSON.parse(Buffer.from(codec.decode(bytes).body).toString('utf8')).delta.text);

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

  it('reports the bytes of the messages each chunk completed', () => {
    const splitter = new MessageSplitter(1024);
    const first = message('a');
    expect(splitter.push(Buffer.concat([first, message('b').subarray(0, 5)]), [])).toBe(first.length);
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
    await expect(closedRead).rejects.toThrow('The event stream closed before its end');

    const oversized = new PassThrough();
    const oversizedRead = readAll(oversized, 1024);
    oversized.write(message('x'.repeat(4096)));
    await expect(oversizedRead).rejects.toThrow(/outside the accepted/);
    expect(oversized.destroyed).toBe(true);
  });

  it('pauses the body while a slow consumer has more than a megabyte waiting, and resumes it', async () => {
    const body = new PassThrough();
    const iterator = eventStreamMessages(body);
    const first = iterator.next();
    const large = message('y'.repeat(200_000));
    for (let index = 0; index < 8; index++) body.write(large);
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.isPaused()).toBe(true);
    let count = 1;
    body.end();
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      count++;
    }
    expect(count).toBe(8);
  });

  it('destroys the rest of the body when the consumer stops early', async () => {
    const body = new PassThrough();
    body.write(Buffer.concat([message('a'), message('b')]));
    for await (const bytes of eventStreamMessages(body)) {
      expect(texts([bytes])).toEqual(['a']);
      break;
    }
    expect(body.destroyed).toBe(true);
    expect(body.listenerCount('data')).toBe(0);
  });
});
