import { endpointProblem, parseAllowedEndpointHosts } from './endpoint-allow-list';

const defaults = parseAllowedEndpointHosts(undefined).hosts;

describe('endpointProblem', () => {
  it.each([
    'https://bedrock-runtime.us-east-1.amazonaws.com',
    'https://vpce-0abc-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com',
    'https://bedrock-runtime.cn-north-1.amazonaws.com.cn',
    'https://bedrock-runtime.us-east-1.api.aws',
  ])('allows the AWS host %s over https', (url) => {
    expect(endpointProblem(url, defaults)).toBeUndefined();
  });

  it.each([
    ['http://bedrock-runtime.us-east-1.amazonaws.com', 'must use https'],
    ['https://evil.example.com', 'is not allowed'],
    ['https://amazonaws.com.evil.example', 'is not allowed'],
    ['https://evilamazonaws.com', 'is not allowed'],
    ['https://127.0.0.1:4566', 'is not allowed'],
    ['https://user:pw@bedrock-runtime.us-east-1.amazonaws.com', 'must not carry credentials'],
    ['ftp://bedrock-runtime.us-east-1.amazonaws.com', 'must be an https URL'],
    ['not a url', 'must be an https URL'],
  ])('refuses %s', (url, problem) => {
    expect(endpointProblem(url, defaults)).toContain(problem);
  });

  it('accepts hosts listed in QUARRY_ALLOWED_ENDPOINT_HOSTS, plain http only for loopback ones', () => {
    const { hosts, problems } = parseAllowedEndpointHosts('127.0.0.1, *.corp.example, vpce.example.net');
    expect(problems).toEqual([]);
    expect(endpointProblem('http://127.0.0.1:4566', hosts)).toBeUndefined();
    expect(endpointProblem('https://bedrock.corp.example', hosts)).toBeUndefined();
    expect(endpointProblem('http://bedrock.corp.example', hosts)).toContain('must use https');
    expect(endpointProblem('https://vpce.example.net/', hosts)).toBeUndefined();
    expect(endpointProblem('http://localhost:4566', hosts)).toContain('is not allowed');
  });

  it('reports entries of QUARRY_ALLOWED_ENDPOINT_HOSTS that are not host names', () => {
    expect(parseAllowedEndpointHosts('https://x.example, ok.example').problems).toEqual([
      expect.stringContaining('"https://x.example" is not a host name'),
    ]);
  });
});
