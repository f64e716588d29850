// Deployment settings with a shape of their own, checked when config.yaml loads: the start-up error
// names the file line, the field and the model.
import { ConfigError } from './config-error';
import { parseLiteLLMConfig } from './litellm-config-file';

const CREDENTIALS = '      aws_access_key_id: AKIAEXAMPLE\n      aws_secret_access_key: secret\n';
const configWith = (params: string, credentials = '') => `
model_list:
  - model_name: corp-claude
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
${credentials}${params}
`;

function problemsOf(yamlText: string): string[] {
  try {
    parseLiteLLMConfig(yamlText, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('LiteLLM switches on a deployment', () => {
  it('accepts booleans and a {role, content} user_continue_message', () => {
    const params =
      '      modify_params: true\n      drop_params: false\n' +
      '      user_continue_message: {role: user, content: "Please continue"}\n';
    expect(problemsOf(configWith(params))).toEqual([]);
    expect(problemsOf(configWith('      user_continue_message: {role: assistant, content: Go}\n'))).toEqual(
      [],
    );
  });

  it.each([
    ['modify_params: "yes"', 'modify_params of model "corp-claude" must be true or false'],
    ['drop_params: 1', 'drop_params of model "corp-claude" must be true or false'],
    [
      'user_continue_message: Please continue',
      'user_continue_message of model "corp-claude" must be a message',
    ],
    ['user_continue_message: {role: system, content: x}', 'role must be user or assistant'],
    ['user_continue_message: {role: user, content: [x]}', 'content must be a non-empty string'],
    ['user_continue_message: {role: user, content: x, name: y}', 'name is not a message field'],
  ])('refuses %s at start-up, naming the model and the field', (line, message) => {
    const problems = problemsOf(configWith(`      ${line}\n`));
    expect(problems).toEqual([expect.stringMatching(/^config\.yaml:\d+ \(model_list\.0\.litellm_params\./)]);
    expect(problems[0]).toContain(message);
  });
});

describe('extra_headers on a deployment', () => {
  const headers = (yaml: string, credentials = '') =>
    problemsOf(configWith(`      extra_headers: ${yaml}\n`, credentials));

  it('accepts string headers, also authorization and x-amz-* when the deployment has no credentials of its own', () => {
    expect(headers('{x-corp-proxy: team-a, X-Trace: "1"}', CREDENTIALS)).toEqual([]);
    expect(headers('{authorization: "Basic cHJveHk=", x-amz-security-token: t}')).toEqual([]);
    // LiteLLM's documented example: empty credentials next to a proxy's headers.
    expect(
      headers(
        '{authorization: "Basic cHJveHk="}',
        '      aws_access_key_id: ""\n      aws_secret_access_key: ""\n',
      ),
    ).toEqual([]);
  });

  it('refuses authorization and x-amz-* on a deployment that signs (they would never be sent)', () => {
    const problems = headers('{Authorization: "Basic cHJveHk=", x-amz-date: now}', CREDENTIALS);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('litellm_params.extra_headers.Authorization of model "corp-claude"');
    expect(problems[0]).toContain('would never be sent');
    expect(problems[1]).toContain('extra_headers.x-amz-date');
    expect(headers('{authorization: x}', '      aws_bedrock_api_key: key\n')[0]).toContain(
      'would never be sent',
    );
  });

  it.each([
    ['{Connection: close}', 'extra_headers.Connection', 'sets connection itself'],
    ['{transfer-encoding: chunked}', 'extra_headers.transfer-encoding', 'itself'],
    ['{content-length: "5"}', 'extra_headers.content-length', 'itself'],
    ['{host: proxy.internal}', 'extra_headers.host', 'sets host itself'],
    ['{"bad header": x}', 'extra_headers.bad header', 'not a valid header name'],
    ['{x-a: 1}', 'extra_headers.x-a', 'must be a string'],
    ['{x-a: {nested: x}}', 'extra_headers.x-a', 'must be a string'],
    ['{x-a: "one\\r\\nx-b: two"}', 'extra_headers.x-a', 'line break'],
    ['{x-a: one, X-A: two}', 'extra_headers.X-A', 'repeats'],
    ['[x-a]', 'litellm_params.extra_headers of', 'must be a mapping'],
  ])('refuses %s naming %s', (yaml, field, message) => {
    const problems = headers(yaml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(field);
    expect(problems[0]).toContain('model "corp-claude"');
    expect(problems[0]).toContain(message);
  });

  it('points at the header’s own line in the file', () => {
    const problems = problemsOf(
      configWith('      extra_headers:\n        x-ok: fine\n        host: other\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^config\.yaml:8 \(model_list\.0\.litellm_params\.extra_headers\.host\)/),
    ]);
  });
});
