import { OpenAIError } from '@quarry/openai';
import {
  DocumentNamer,
  cleanDocumentName,
  documentFormatFromFilename,
  documentFormatFromMimeType,
  fileContentBlock,
} from './documents';

describe('document names', () => {
  it.each([
    ['report.pdf', 'report'],
    ['Q3 report_final.v2.pdf', 'Q3 report-final-v2'],
    ['  spaced\t\tout  name .txt', 'spaced out name'],
    ['notes (draft) [v1].md', 'notes (draft) [v1]'],
    ['.hidden', '-hidden'],
    ['résumé.docx', 'r-sum-'],
  ])('%s → %s', (filename, name) => {
    expect(cleanDocumentName(filename)).toBe(name);
    expect(cleanDocumentName(filename)).toMatch(/^[a-zA-Z0-9\-()[\]]+( [a-zA-Z0-9\-()[\]]+)*$/);
  });

  it('numbers unnamed documents and makes every name unique', () => {
    const namer = new DocumentNamer();
    expect(namer.nameFor(undefined)).toBe('document-1');
    expect(namer.nameFor('a.pdf')).toBe('a');
    expect(namer.nameFor('a.csv')).toBe('a (2)');
    expect(namer.nameFor('a.md')).toBe('a (3)');
    expect(namer.nameFor('...')).toBe('document-2');
    expect(namer.nameFor('document-3.pdf')).toBe('document-3');
    expect(namer.nameFor(undefined)).toBe('document-4');
  });
});

describe('document formats', () => {
  it.each([
    ['application/pdf', 'pdf'],
    ['text/csv', 'csv'],
    ['application/msword', 'doc'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['application/vnd.ms-excel', 'xls'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['text/html; charset=utf-8', 'html'],
    ['text/plain', 'txt'],
    ['text/markdown', 'md'],
    ['application/zip', undefined],
  ])('mime %s → %s', (mimeType, format) => {
    expect(documentFormatFromMimeType(mimeType)).toBe(format);
  });

  it.each([
    ['a.PDF', 'pdf'],
    ['b.xlsx', 'xlsx'],
    ['c.htm', 'html'],
    ['d.markdown', 'md'],
    ['noextension', undefined],
    [undefined, undefined],
  ])('file %s → %s', (filename, format) => {
    expect(documentFormatFromFilename(filename)).toBe(format);
  });
});

describe('fileContentBlock', () => {
  it('uses an explicit format over the data URL type', () => {
    const block = fileContentBlock(
      { file_data: 'data:application/octet-stream;base64,aGk=', format: 'text/plain', filename: 'x.bin' },
      'messages[0].content[0]',
      new DocumentNamer(),
    );
    expect(block.document?.format).toBe('txt');
  });

  it('needs a type for bare base64', () => {
    expect(() =>
      fileContentBlock({ file_data: 'aGk=' }, 'messages[0].content[0]', new DocumentNamer()),
    ).toThrow(OpenAIError);
  });
});
