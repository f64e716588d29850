import { RouteTable } from './route-table';

const handler = () => undefined;
const table = new RouteTable([
  { method: 'POST', pattern: '/model/{modelId}/converse', handler },
  { method: 'GET', pattern: '/model-invocation-job/{jobIdentifier}', handler },
]);

describe('RouteTable', () => {
  it('keeps an encoded ARN as one label and decodes it once', () => {
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0';
    const match = table.match('POST', `/model/${encodeURIComponent(arn)}/converse`);
    expect(match?.params).toEqual({ modelId: arn });
  });

  it('does not match another method, extra segments or an unknown path', () => {
    expect(table.match('GET', '/model/x/converse')).toBeUndefined();
    expect(table.match('POST', '/model/a/b/converse')).toBeUndefined();
    expect(table.match('POST', '/nothing')).toBeUndefined();
  });

  it('refuses a label that is not valid percent-encoding', () => {
    expect(() => table.match('GET', '/model-invocation-job/%E0%A4%A')).toThrow(/not valid percent-encoding/);
  });
});
