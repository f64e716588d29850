// A batch input line nested thousands of levels deep parses, but overflowed the stack of the translation
// that follows (a 500 with "Maximum call stack size exceeded" in the log). Lines are held to the nesting
// cap of JSON request bodies: a 400 naming the line, as for any other bad line.
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const CONFIG = `model_list:
  - model_name: haiku-batch
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_region_name: us-east-1
      s3_bucket_name: quarry-batches/files
    model_info:
      mode: batch
`;

let gateway: TestGateway;
let key: string;

beforeAll(async () => {
  gateway = await startTestGateway({ configYaml: CONFIG });
  key = (await createKey(gateway, {})).key;
});

afterAll(async () => {
  await gateway?.close();
});

function line(customId: string, extra = ''): string {
  return `{"custom_id":"${customId}","method":"POST","url":"/v1/chat/completions","body":{"model":"haiku-batch","messages":[{"role":"user","content":"hi"}]${extra}}}`;
}

async function upload(jsonl: string) {
  const form = new FormData();
  form.append('purpose', 'batch');
  form.append('file', new Blob([jsonl]), 'input.jsonl');
  const response = await fetch(`${gateway.baseUrl}/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

it('refuses a line nested far deeper than any request with a 400 naming the line', async () => {
  const depth = 200_000;
  const deep = `,"deep":${'['.repeat(depth)}${']'.repeat(depth)}`;
  const answer = await upload(`${line('a')}\n${line('b', deep)}\n`);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({ code: 'invalid_batch_line' });
  expect(answer.body.error.message).toMatch(/^Line 2: .*deeper/);
});
