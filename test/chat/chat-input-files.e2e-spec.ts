// Chat `file` parts that name an upload: openai SDK files.create({purpose: 'user_data'}) → chat with
// {type: 'file', file: {file_id}} → the stored bytes reach Bedrock as a Converse document (or image)
// block. A recording proxy in front of the emulator shows what the gateway sent. Files are the team's:
// another team's id, a deleted one and a missing one are refused alike, before any Bedrock call.
import OpenAI, { toFile } from 'openai';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { createTenant } from '../support/tenants';
import { deployment, startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;
let client: OpenAI;
let otherTeam: OpenAI;
let proxy: RecordingProxy;

/** The Bedrock requests that went through the proxy: path and JSON body. */
function recorded(): Array<{ path: string; body: any }> {
  return proxy.recorded.map(({ path, body }) => ({ path, body: JSON.parse(body.toString('utf8')) }));
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const proxyUrl = proxy.endpoint;
  fixture = await startChatFixture(
    [
      deployment(
        'files-claude',
        'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        `\n      aws_bedrock_runtime_endpoint: ${proxyUrl}`,
      ),
      deployment(
        'files-micro',
        'bedrock/converse/us.amazon.nova-micro-v1:0',
        `\n      aws_bedrock_runtime_endpoint: ${proxyUrl}`,
      ),
    ].join(''),
  );
  proxy.forwardTo(fixture.emulator.endpoint);
  const tenant = await createTenant(fixture.gateway, { keyModels: ['files-*'] });
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${fixture.gateway.baseUrl}/v1`, maxRetries: 0 });
  const other = await createTenant(fixture.gateway, { keyModels: ['files-*'] });
  otherTeam = new OpenAI({ apiKey: other.key, baseURL: `${fixture.gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await fixture?.close();
  await proxy?.close();
});

beforeEach(() => {
  proxy.recorded.length = 0;
});

async function uploadAs(owner: OpenAI, bytes: Buffer, filename: string) {
  return owner.files.create({ file: await toFile(bytes, filename), purpose: 'user_data' });
}

function askAbout(fileId: string, model = 'files-claude') {
  return client.chat.completions.create({
    model,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this file about?' },
          { type: 'file', file: { file_id: fileId } },
        ],
      },
    ],
  });
}

async function refusal(promise: Promise<unknown>): Promise<any> {
  const error = await promise.then(
    () => undefined,
    (caught) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error;
}

describe('uploads with purpose user_data', () => {
  it('stores the file for its team and serves retrieve, list, content and delete like batch files', async () => {
    const file = await uploadAs(client, PDF, 'Quarterly report.pdf');
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'user_data',
      filename: 'Quarterly report.pdf',
      bytes: PDF.length,
      status: 'processed',
    });
    expect(file.id).toMatch(/^file-/);
    expect(await client.files.retrieve(file.id)).toMatchObject({ id: file.id, purpose: 'user_data' });
    const listed = await client.files.list({ purpose: 'user_data' });
    expect(listed.data.map((entry) => entry.id)).toContain(file.id);
    const content = await client.files.content(file.id);
    expect(Buffer.from(await content.arrayBuffer())).toEqual(PDF);

    // Another team sees nothing of it.
    expect((await refusal(otherTeam.files.retrieve(file.id))).status).toBe(404);
    expect((await refusal(otherTeam.files.content(file.id))).status).toBe(404);
    expect((await refusal(otherTeam.files.delete(file.id))).status).toBe(404);
    expect(
      (await otherTeam.files.list({ purpose: 'user_data' })).data.map((entry) => entry.id),
    ).not.toContain(file.id);

    expect(await client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    expect((await refusal(client.files.retrieve(file.id))).status).toBe(404);
  });

  it('refuses a file larger than Bedrock takes with a 413 naming the field', async () => {
    const oversize = Buffer.concat([PDF, Buffer.alloc(4_500_001 - PDF.length, 0x20)]);
    const error = await refusal(uploadAs(client, oversize, 'big.pdf'));
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ param: 'file', code: 'file_too_large' });
  });

  it('refuses a type Bedrock cannot take, and a file whose bytes are not what its name says', async () => {
    const zip = await refusal(uploadAs(client, Buffer.from('PK\u0003\u0004rest-of-archive'), 'archive.zip'));
    expect(zip.status).toBe(400);
    expect(zip.error).toMatchObject({ param: 'file', code: 'unsupported_file_type' });
    expect(zip.message).toContain('pdf, csv, doc, docx, xls, xlsx, html, txt or md');

    const fakePdf = await refusal(uploadAs(client, Buffer.from([0x00, 0x01, 0x02, 0xff]), 'report.pdf'));
    expect(fakePdf.status).toBe(400);
    expect(fakePdf.error).toMatchObject({ param: 'file', code: 'unsupported_file_type' });
  });
});

describe('chat with a file part naming an upload', () => {
  it('sends the stored bytes to Bedrock as a document block named after the file', async () => {
    const file = await uploadAs(client, PDF, 'Quarterly report.pdf');
    const completion = await askAbout(file.id);
    expect(completion.choices[0].message.content).toBeTruthy();
    const [call] = recorded();
    expect(call.path).toMatch(/\/converse$/);
    expect(call.body.messages[0].content[1]).toEqual({
      document: { format: 'pdf', name: 'Quarterly report', source: { bytes: PDF.toString('base64') } },
    });
  });

  it('sends an image upload as an image block, and a text file as a txt document', async () => {
    const image = await uploadAs(client, PNG, 'pixel.png');
    const notes = await uploadAs(client, Buffer.from('# Notes\nShip on Friday.\n'), 'notes.md');
    await client.chat.completions.create({
      model: 'files-claude',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_id: image.id } },
            { type: 'file', file: { file_id: notes.id } },
            { type: 'text', text: 'Compare them.' },
          ],
        },
      ],
    });
    const content = recorded()[0].body.messages[0].content;
    expect(content[0]).toEqual({ image: { format: 'png', source: { bytes: PNG.toString('base64') } } });
    expect(content[1].document).toMatchObject({ format: 'md', name: 'notes' });
  });

  it('streams a chat with a file part', async () => {
    const file = await uploadAs(client, PDF, 'streamed.pdf');
    const stream = await client.chat.completions.create({
      model: 'files-claude',
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_id: file.id } },
            { type: 'text', text: 'Summarise it.' },
          ],
        },
      ],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(recorded()[0].path).toMatch(/\/converse-stream$/);
    expect(recorded()[0].body.messages[0].content[0].document).toMatchObject({
      format: 'pdf',
      name: 'streamed',
    });
  });

  it('refuses another team’s file exactly like a missing, deleted or malformed one, before any Bedrock call', async () => {
    const theirs = await uploadAs(otherTeam, PDF, 'theirs.pdf');
    const deleted = await uploadAs(client, PDF, 'gone.pdf');
    await client.files.delete(deleted.id);
    const missing = 'file-000000000000000000000000';

    // An id Quarry could never have made (a NUL, which Postgres text refuses) reads the same, not a 500.
    const impossible = 'file-\u0000; drop table batch_files';

    const answers = [];
    for (const id of [theirs.id, deleted.id, missing, impossible]) {
      const error = await refusal(askAbout(id));
      answers.push({ status: error.status, ...error.error, message: error.message.replace(id, '<id>') });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[0]).toEqual(answers[3]);
    expect(answers[0]).toMatchObject({
      status: 400,
      param: 'messages[0].content[1].file.file_id',
      code: 'file_not_found',
    });
    expect(proxy.recorded).toHaveLength(0);
    // The owner can still use it.
    await expect(
      otherTeam.chat.completions.create({
        model: 'files-claude',
        messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: theirs.id } }] }],
      }),
    ).resolves.toBeTruthy();
  });

  it('refuses a document for a model without document chat, naming the part', async () => {
    const file = await uploadAs(client, PDF, 'report.pdf');
    const error = await refusal(askAbout(file.id, 'files-micro'));
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ param: 'messages[0].content[1]', code: 'unsupported_content' });
    expect(proxy.recorded).toHaveLength(0);
  });
});
