import { formFields, parseMultipartForm } from './multipart-form';

const BOUNDARY = '----quarry123';
const body = (parts: string[]) =>
  Buffer.from(`${parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('')}--${BOUNDARY}--\r\n`);

describe('parseMultipartForm', () => {
  it('reads fields and files, quoted names and a file with CRLFs inside', () => {
    const parts = parseMultipartForm(
      `multipart/form-data; boundary=${BOUNDARY}`,
      body([
        'Content-Disposition: form-data; name="purpose"\r\n\r\nbatch',
        'Content-Disposition: form-data; name="file"; filename="in put.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n{"a":1}\r\n{"b":2}\r\n',
      ]),
    );
    expect(formFields(parts).get('purpose')).toBe('batch');
    expect(parts[1]).toMatchObject({
      name: 'file',
      filename: 'in put.jsonl',
      contentType: 'application/jsonl',
    });
    expect(parts[1].data.toString()).toBe('{"a":1}\r\n{"b":2}\r\n');
  });

  it('answers a 400 for a body that is not well-formed', () => {
    expect(() => parseMultipartForm('application/json', Buffer.from('{}'))).toThrow(/multipart\/form-data/);
    expect(() =>
      parseMultipartForm(
        `multipart/form-data; boundary=${BOUNDARY}`,
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end`),
      ),
    ).toThrow(/not terminated/);
    expect(() =>
      parseMultipartForm(
        `multipart/form-data; boundary=${BOUNDARY}`,
        body(['Content-Type: text/plain\r\n\r\nx']),
      ),
    ).toThrow(/no name/);
  });
});
