import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { capabilitiesFor } from '../capabilities/capabilities-for';
import { toAnthropicMessagesBody } from './anthropic-messages-body';
import { toBatchOutputLine } from './batch-output-line';
import { recordIdOf, recordIndexOf } from './batch-record';
import { openAIBatchStatusOf, timeoutHoursOf } from './batch-status';
import { s3PlaceOf, batchStorageOf } from './batch-storage';
import { toNovaBody } from './nova-body';

const converse: ConverseCommandInput = {
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
  messages: [
    {
      role: 'user',
      content: [
        { text: 'Weather?' },
        { image: { format: 'png', source: { bytes: new Uint8Array([1, 2]) } } },
      ],
    },
    {
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 't1', name: 'weather', input: { city: 'Paris' } } }],
    },
    {
      role: 'user',
      content: [{ toolResult: { toolUseId: 't1', content: [{ json: { c: 21 } }], status: 'error' } }],
    },
  ],
  inferenceConfig: { maxTokens: 50, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
  toolConfig: {
    tools: [
      { toolSpec: { name: 'weather', description: 'Weather', inputSchema: { json: { type: 'object' } } } },
    ],
    toolChoice: { tool: { name: 'weather' } },
  },
  additionalModelRequestFields: { top_k: 5 },
};

describe('batch records', () => {
  it('turns a Converse input into an Anthropic Messages body', () => {
    expect(toAnthropicMessagesBody(converse)).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 50,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AQI=' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 't1', name: 'weather', input: { city: 'Paris' } }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'text', text: '{"c":21}' }],
              is_error: true,
            },
          ],
        },
      ],
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      tools: [{ name: 'weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'weather' },
      top_k: 5,
    });
  });

  it('refuses what a Messages body cannot carry, naming it', () => {
    expect(() =>
      toAnthropicMessagesBody({
        ...converse,
        guardrailConfig: { guardrailIdentifier: 'g', guardrailVersion: '1' },
      }),
    ).toThrow(/guardrailConfig cannot be sent in a batch record/);
  });

  it("turns a Converse input into Nova's messages-v1 body with its inference names", () => {
    const body = toNovaBody({
      ...converse,
      toolConfig: undefined,
      additionalModelRequestFields: { inferenceConfig: { topK: 3 } },
    });
    expect(body).toMatchObject({
      schemaVersion: 'messages-v1',
      inferenceConfig: { topK: 3, max_new_tokens: 50, temperature: 0.2, top_p: 0.9, stopSequences: ['END'] },
    });
    expect(JSON.stringify(body)).toContain('"bytes":"AQI="');
    expect(body).not.toHaveProperty('modelId');
  });

  it('numbers records in 11 characters and finds them back', () => {
    expect(recordIdOf(0)).toBe('CALL0000001');
    expect(recordIdOf(49_999)).toHaveLength(11);
    expect(recordIndexOf(recordIdOf(41))).toBe(41);
    expect(recordIndexOf('RECORD00001')).toBeUndefined();
  });
});

describe('batch output lines', () => {
  const meta = {
    format: 'anthropic' as const,
    model: 'batch-claude',
    price: {
      key: 'k',
      inputPerToken: 1e-6,
      outputPerToken: 2e-6,
      cacheReadPerToken: 0,
      cacheWritePerToken: 0,
    },
    capabilities: capabilitiesFor('anthropic.claude-3-haiku-20240307-v1:0'),
    created: 1,
    newId: (prefix: string) => `${prefix}x`,
  };

  it('answers a Claude record as the live route, with the custom id and the batch cost', () => {
    const converted = toBatchOutputLine(
      {
        recordId: 'CALL0000002',
        modelOutput: {
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'tool_use', id: 'tu', name: 'get_x', input: { a: 1 } },
          ],
          stop_reason: 'tool_use',
          usage: { input_tokens: 10, output_tokens: 4 },
        },
      },
      [{ customId: 'first' }, { customId: 'second', toolNames: [['get_x', 'get.x']] }],
      meta,
    );
    expect(converted).toMatchObject({ index: 1, succeeded: true, cost: (10 * 1e-6 + 4 * 2e-6) / 2 });
    expect(converted.line).toMatchObject({
      custom_id: 'second',
      error: null,
      response: {
        status_code: 200,
        body: {
          object: 'chat.completion',
          model: 'batch-claude',
          choices: [
            {
              finish_reason: 'tool_calls',
              message: { content: 'Hi', tool_calls: [{ function: { name: 'get.x', arguments: '{"a":1}' } }] },
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 4 },
        },
      },
    });
  });

  it('turns a record Bedrock failed into an error line', () => {
    const converted = toBatchOutputLine(
      { recordId: 'CALL0000001', error: { errorCode: 400, errorMessage: 'bad input' } },
      [{ customId: 'first' }],
      meta,
    );
    expect(converted).toMatchObject({ succeeded: false, cost: 0 });
    expect(converted.line).toMatchObject({
      custom_id: 'first',
      response: { status_code: 400, body: { error: { message: 'bad input' } } },
      error: { message: 'bad input' },
    });
  });
});

describe('batch settings and statuses', () => {
  it('reads bucket/prefix, falls back to the AWS credentials and the environment', () => {
    expect(s3PlaceOf('s3://bucket/a/b/')).toEqual({ bucket: 'bucket', prefix: 'a/b' });
    expect(
      batchStorageOf(
        { s3_bucket_name: 'in/pre' },
        {
          region: 'eu-west-1',
          env: { AWS_BATCH_ROLE_ARN: 'arn:role', AWS_S3_ENCRYPTION_KEY_ID: 'kms' },
          credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: undefined },
        },
      ),
    ).toEqual({
      input: { bucket: 'in', prefix: 'pre' },
      output: { bucket: 'in', prefix: 'pre' },
      region: 'eu-west-1',
      credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: undefined },
      roleArn: 'arn:role',
      kmsKeyId: 'kms',
    });
    expect(() => batchStorageOf({}, { region: 'us-east-1', env: {} })).toThrow(/s3_bucket_name is required/);
  });

  it.each([
    ['Submitted', 'validating'],
    ['Scheduled', 'in_progress'],
    ['PartiallyCompleted', 'completed'],
    ['Stopping', 'cancelling'],
    ['Stopped', 'cancelled'],
    ['Expired', 'expired'],
    ['Failed', 'failed'],
  ] as const)('maps %s to %s', (bedrock, openai) => expect(openAIBatchStatusOf(bedrock)).toBe(openai));

  it('takes completion windows Bedrock can run', () => {
    expect(timeoutHoursOf('24h')).toBe(24);
    expect(timeoutHoursOf('168h')).toBe(168);
    expect(timeoutHoursOf('1h')).toBeUndefined();
    expect(timeoutHoursOf('7d')).toBeUndefined();
  });
});
