// Small, valid, deterministic PNG images (solid colour chosen from the prompt), built with zlib so
// image models return real image bytes without any image library.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export const IMAGE_SIDE = 64;

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** The RGB colour a prompt (plus seed and index) maps to. */
export function promptColour(prompt: string, seed: number, index: number): [number, number, number] {
  const digest = createHash('sha256').update(`${prompt}|${seed}|${index}`).digest();
  return [digest[0], digest[1], digest[2]];
}

export function solidPng(colour: [number, number, number], side = IMAGE_SIDE): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour RGB
  const row = Buffer.alloc(1 + side * 3);
  for (let x = 0; x < side; x++) row.set(colour, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: side }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function promptImageBase64(prompt: string, seed: number, index: number): string {
  return solidPng(promptColour(prompt, seed, index)).toString('base64');
}
