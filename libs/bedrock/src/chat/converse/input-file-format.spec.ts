import { inputFileFormatOf, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES } from './input-file-format';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const PDF = bytes('%PDF-1.7\n%%EOF\n');
const PNG = bytes('\x89PNG\r\n\x1a\n\0\0\0\rIHDR');
const ZIP = bytes('PK\x03\x04\x14\0\0\0');
const OLE2 = bytes('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0');

describe('inputFileFormatOf', () => {
  it.each([
    ['report.pdf', undefined, PDF, { kind: 'document', format: 'pdf' }],
    ['no-extension', 'application/octet-stream', PDF, { kind: 'document', format: 'pdf' }],
    ['photo.bin', undefined, PNG, { kind: 'image', format: 'png' }],
    ['letter.docx', undefined, ZIP, { kind: 'document', format: 'docx' }],
    ['sheet.xlsx', undefined, ZIP, { kind: 'document', format: 'xlsx' }],
    ['old.doc', undefined, OLE2, { kind: 'document', format: 'doc' }],
    ['old.xls', undefined, OLE2, { kind: 'document', format: 'xls' }],
    ['data.csv', undefined, bytes('a,b\n1,2\n'), { kind: 'document', format: 'csv' }],
    ['page.htm', undefined, bytes('<p>hi</p>'), { kind: 'document', format: 'html' }],
    ['notes', 'text/markdown', bytes('# hi'), { kind: 'document', format: 'md' }],
    ['résumé.txt', undefined, new Uint8Array(Buffer.from('café ☕')), { kind: 'document', format: 'txt' }],
  ])('%s (%s) → %j', (filename, declared, content, expected) => {
    expect(inputFileFormatOf(filename, declared, content)).toEqual(expected);
  });

  it.each([
    ['archive.zip', undefined, ZIP, /not a type Bedrock takes/],
    ['binary.txt', undefined, bytes('a\0b'), /is named as txt but its content is not txt/],
    ['fake.pdf', undefined, bytes('hello'), /is named as pdf/],
    ['fake.docx', undefined, PDF.slice(1), /is named as docx/],
    ['fake.png', undefined, bytes('hello'), /named as an image/],
    ['empty.txt', undefined, new Uint8Array(), /file is empty/],
  ])('refuses %s with a 400 naming file', (filename, declared, content, message) => {
    expect(() => inputFileFormatOf(filename, declared, content)).toThrow(message);
    try {
      inputFileFormatOf(filename, declared, content);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, param: 'file' });
    }
  });

  it('holds documents and images to Bedrock’s caps with a 413', () => {
    const document = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
    expect(() => inputFileFormatOf('big.txt', undefined, document)).toThrow(
      expect.objectContaining({ status: 413, param: 'file', code: 'file_too_large' }),
    );
    expect(inputFileFormatOf('ok.txt', undefined, document.subarray(1))).toMatchObject({ format: 'txt' });
    const image = new Uint8Array(MAX_IMAGE_BYTES + 1);
    image.set(PNG);
    expect(() => inputFileFormatOf('big.png', undefined, image)).toThrow(
      expect.objectContaining({ status: 413 }),
    );
  });
});
