import { OpenAIError, type ChatMessage } from '@quarry/openai';
import { DocumentNamer } from './documents';
import { inputFileBlock, prefetchInputFiles, type StoredInputFile } from './input-files';

const PDF_BYTES = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
const REPORT: StoredInputFile = {
  id: 'file-report',
  filename: 'Q3 report.pdf',
  purpose: 'user_data',
  format: 'pdf',
  data: PDF_BYTES,
};

function userTurn(...parts: unknown[]): ChatMessage {
  return { role: 'user', content: parts } as ChatMessage;
}

describe('prefetchInputFiles', () => {
  it('looks nothing up for a conversation without file ids (no database round trip)', async () => {
    const fetchFiles = jest.fn();
    const files = await prefetchInputFiles(
      [
        { role: 'user', content: 'hi' },
        userTurn(
          { type: 'text', text: 'x' },
          { type: 'file', file: { file_data: 'data:text/plain;base64,aGk=' } },
        ),
      ],
      fetchFiles,
    );
    expect(files.size).toBe(0);
    expect(fetchFiles).not.toHaveBeenCalled();
  });

  it('looks every distinct id up in one call', async () => {
    const fetchFiles = jest.fn().mockResolvedValue([REPORT]);
    const files = await prefetchInputFiles(
      [
        userTurn({ type: 'file', file: { file_id: 'file-report' } }),
        userTurn({ type: 'file', file: { file_id: 'file-report' } }),
      ],
      fetchFiles,
    );
    expect(fetchFiles).toHaveBeenCalledTimes(1);
    expect(fetchFiles).toHaveBeenCalledWith(['file-report']);
    expect(files.get('file-report')).toBe(REPORT);
  });

  it('refuses an id the lookup does not return, naming the exact field', async () => {
    const error = await Promise.resolve(
      prefetchInputFiles(
        [userTurn({ type: 'text', text: 'x' }, { type: 'file', file: { file_id: 'file-other' } })],
        async () => [],
      ),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAIError);
    expect(error).toMatchObject({
      status: 400,
      param: 'messages[0].content[1].file.file_id',
      code: 'file_not_found',
      message: 'No such File object: file-other',
    });
  });

  it('refuses more distinct file ids than a request can carry, before any lookup', () => {
    const fetchFiles = jest.fn();
    const parts = Array.from({ length: 26 }, (_, index) => ({
      type: 'file',
      file: { file_id: `file-${index}` },
    }));
    expect(() => prefetchInputFiles([userTurn(...parts)], fetchFiles)).toThrow(
      expect.objectContaining({ status: 400, code: 'too_many_files' }),
    );
    expect(fetchFiles).not.toHaveBeenCalled();
  });

  it('refuses file ids where no lookup is given (batch lines)', () => {
    expect(() =>
      prefetchInputFiles([userTurn({ type: 'file', file: { file_id: 'file-report' } })], undefined),
    ).toThrow(expect.objectContaining({ status: 400, param: 'messages[0].content[0].file.file_id' }));
  });
});

describe('inputFileBlock', () => {
  const files = new Map([
    [REPORT.id, REPORT],
    ['file-png', { ...REPORT, id: 'file-png', filename: 'a.png', format: 'png' }],
    ['file-batch', { ...REPORT, id: 'file-batch', purpose: 'batch', format: null, data: null }],
  ]);

  it('makes a named document block from the stored bytes', () => {
    expect(inputFileBlock(REPORT.id, 'p', files, new DocumentNamer())).toEqual({
      document: { format: 'pdf', name: 'Q3 report', source: { bytes: PDF_BYTES } },
    });
  });

  it('makes an image block for an image file', () => {
    expect(inputFileBlock('file-png', 'p', files, new DocumentNamer())).toEqual({
      image: { format: 'png', source: { bytes: PDF_BYTES } },
    });
  });

  it('refuses a file that is not a chat input (a batch file)', () => {
    expect(() => inputFileBlock('file-batch', 'p', files, new DocumentNamer())).toThrow(
      /purpose batch\) cannot be a chat input/,
    );
  });
});
