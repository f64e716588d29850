import type { JsonRecord } from '../service-support/request-body';
import { DEFAULT_TIMEOUT_HOURS, parseCreateJobRequest } from './create-job-request';

function validBody(overrides: JsonRecord = {}): JsonRecord {
  return {
    jobName: 'nightly-job-1',
    roleArn: 'arn:aws:iam::123456789012:role/BedrockBatch',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://in-bucket/input/', s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://out-bucket/output/' } },
    ...overrides,
  };
}

describe('parseCreateJobRequest', () => {
  it('accepts a complete request and fills AWS defaults', () => {
    const specification = parseCreateJobRequest(validBody());
    expect(specification.input).toEqual({ bucket: 'in-bucket', key: 'input/' });
    expect(specification.output).toEqual({ bucket: 'out-bucket', key: 'output/' });
    expect(specification.timeoutDurationInHours).toBe(DEFAULT_TIMEOUT_HOURS);
    expect(specification.modelInvocationType).toBe('InvokeModel');
  });

  it('accepts cross-region profile ids and foundation-model ARNs', () => {
    expect(
      parseCreateJobRequest(validBody({ modelId: 'us.anthropic.claude-3-haiku-20240307-v1:0' })).modelId,
    ).toBe('us.anthropic.claude-3-haiku-20240307-v1:0');
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0';
    expect(parseCreateJobRequest(validBody({ modelId: arn })).modelId).toBe(arn);
  });

  it.each(['jobName', 'roleArn', 'modelId', 'inputDataConfig', 'outputDataConfig'])(
    'names the missing %s',
    (field) => {
      const body = validBody();
      delete body[field];
      expect(() => parseCreateJobRequest(body)).toThrow(
        new RegExp(`at '${field}' failed to satisfy constraint: Member must not be null`),
      );
    },
  );

  it.each([23, 169, 24.5])('rejects timeoutDurationInHours %s', (hours) => {
    expect(() => parseCreateJobRequest(validBody({ timeoutDurationInHours: hours }))).toThrow(
      /'timeoutDurationInHours'/,
    );
  });

  it('accepts the timeout bounds 24 and 168', () => {
    expect(parseCreateJobRequest(validBody({ timeoutDurationInHours: 24 })).timeoutDurationInHours).toBe(24);
    expect(parseCreateJobRequest(validBody({ timeoutDurationInHours: 168 })).timeoutDurationInHours).toBe(
      168,
    );
  });

  it('rejects a bad s3 URI naming the nested field', () => {
    const body = validBody({
      outputDataConfig: { s3OutputDataConfig: { s3Uri: 'https://example.com/out' } },
    });
    expect(() => parseCreateJobRequest(body)).toThrow(/'outputDataConfig\.s3OutputDataConfig\.s3Uri'/);
  });

  it('rejects unknown models and models that cannot answer the invocation type', () => {
    expect(() => parseCreateJobRequest(validBody({ modelId: 'acme.unknown-v1' }))).toThrow(
      /model identifier is invalid/,
    );
    expect(() =>
      parseCreateJobRequest(
        validBody({ modelId: 'amazon.titan-embed-text-v2:0', modelInvocationType: 'Converse' }),
      ),
    ).toThrow(/doesn't support batch inference/);
  });

  it('rejects bad names, role ARNs, formats and invocation types', () => {
    expect(() => parseCreateJobRequest(validBody({ jobName: 'bad name!' }))).toThrow(/'jobName'/);
    expect(() => parseCreateJobRequest(validBody({ roleArn: 'arn:aws:iam::123:user/x' }))).toThrow(
      /'roleArn'/,
    );
    expect(() =>
      parseCreateJobRequest(
        validBody({
          inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://in-bucket/x', s3InputFormat: 'CSV' } },
        }),
      ),
    ).toThrow(/'inputDataConfig\.s3InputDataConfig\.s3InputFormat'/);
    expect(() => parseCreateJobRequest(validBody({ modelInvocationType: 'Chat' }))).toThrow(
      /'modelInvocationType'/,
    );
  });
});
