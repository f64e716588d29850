import { imageFormatFromMimeType, sniffImageFormat } from './images';

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

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
