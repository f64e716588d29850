import { crc32, inflateSync } from 'node:zlib';
import { promptColour, solidPng } from './png-image';

function chunks(png: Buffer): Array<{ type: string; data: Buffer; crc: number }> {
  const found = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    found.push({
      type,
      data: png.subarray(offset + 8, offset + 8 + length),
      crc: png.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return found;
}

describe('solidPng', () => {
  it('builds a PNG whose chunks carry correct CRCs and whose pixels are the requested colour', () => {
    const png = solidPng([10, 20, 30], 4);
    const parsed = chunks(png);
    expect(parsed.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of parsed)
      expect(chunk.crc).toBe(crc32(Buffer.concat([Buffer.from(chunk.type), chunk.data])));
    const pixels = inflateSync(parsed[1].data);
    expect(pixels).toEqual(
      Buffer.concat(
        Array.from({ length: 4 }, () =>
          Buffer.from([0, ...[10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30]]),
        ),
      ),
    );
  });

  it('derives the colour from prompt, seed and index', () => {
    expect(promptColour('a', 1, 0)).toEqual(promptColour('a', 1, 0));
    expect(promptColour('a', 1, 0)).not.toEqual(promptColour('a', 2, 0));
  });
});
