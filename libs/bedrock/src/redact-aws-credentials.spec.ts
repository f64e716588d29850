import { redactAwsCredentials } from './redact-aws-credentials';

describe('redactAwsCredentials', () => {
  it.each([
    ['The security token AKIAQUARRYEMULATOR01 is invalid', 'The security token [REDACTED] is invalid'],
    ['temporary ASIAXXXXXXXXXXXXXXXX expired', 'temporary [REDACTED] expired'],
    [
      'proxy http://user:hunter2@proxy.internal:3128 refused',
      'proxy http://[REDACTED]@proxy.internal:3128 refused',
    ],
    ['Credential=AKIAIOSFODNN7EXAMPLE/20261122', 'Credential=[REDACTED]/20261122'],
    [`Signature=${'a'.repeat(64)}`, 'Signature=[REDACTED]'],
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG', 'aws_secret_access_key=[REDACTED]'],
    ['{"secretAccessKey": "quarry-emulator-secret"}', '{"secretAccessKey": "[REDACTED]"}'],
    ['Authorization: Bearer ABSKQmVkcm9ja0FQSUtleQ==', 'Authorization: Bearer [REDACTED]'],
  ])('redacts %j', (input, expected) => {
    expect(redactAwsCredentials(input)).toBe(expected);
  });

  it('keeps ordinary messages and documentation links as they are', () => {
    const message =
      'Malformed input request: #/messages/0/content: expected type: JSONArray. See https://docs.aws.amazon.com/bedrock/latest/userguide/';
    expect(redactAwsCredentials(message)).toBe(message);
  });
});
