import { parsePassthroughPath, upstreamPathOf } from './passthrough-operation';

describe('parsePassthroughPath', () => {
  it.each([
    ['/model/cohere.command-r-v1:0/converse', 'cohere.command-r-v1:0', 'converse'],
    ['/model/cohere.command-r-v1%3A0/converse-stream', 'cohere.command-r-v1:0', 'converse-stream'],
    [
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/invoke',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
      'invoke',
    ],
    [
      '/model/arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123/invoke-with-response-stream',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
      'invoke-with-response-stream',
    ],
    [
      '/MODEL/anthropic.claude-3-haiku-20240307-v1:0/Count-Tokens',
      'anthropic.claude-3-haiku-20240307-v1:0',
      'count-tokens',
    ],
  ])('%s names model %s, %s', (path, modelId, action) => {
    expect(parsePassthroughPath(path)?.target).toEqual({ kind: 'model', modelId, action });
  });

  it('reads the agent runtime operations and the guardrail', () => {
    expect(parsePassthroughPath('/agents/L1RT58GYRW/agentAliases/MFPSBCXYTW/sessions/12345/text')).toEqual({
      service: 'bedrock-agent-runtime',
      target: { kind: 'agent', agentId: 'L1RT58GYRW', agentAliasId: 'MFPSBCXYTW', sessionId: '12345' },
      streaming: true,
    });
    expect(parsePassthroughPath('/knowledgebases/KB12345678/retrieve')?.target).toEqual({
      kind: 'knowledge-base',
      knowledgeBaseId: 'KB12345678',
    });
    expect(parsePassthroughPath('/retrieveAndGenerate')?.target.kind).toBe('retrieve-and-generate');
    expect(parsePassthroughPath('/rerank')?.target.kind).toBe('rerank');
    expect(parsePassthroughPath('/guardrail/gr-1/version/DRAFT/apply')?.target).toEqual({
      kind: 'guardrail',
      guardrailId: 'gr-1',
      version: 'DRAFT',
    });
  });

  it.each([
    '/model-invocation-job',
    '/model-invocation-jobs',
    '/foundation-models',
    '/async-invoke',
    '/guardrail-checks/invoke',
    '/model/x/invoke-with-bidirectional-stream',
    '/model/x/converse/',
    '/model//converse',
    '/model/../model-invocation-jobs',
    '/model/x/..%2F..%2Fmodel-invocation-jobs/converse',
    '/model/a%2F..%2Fb/converse',
    '/model/x%252Fy/converse',
    '/model/x%zz/converse',
    '/model/x%00/converse',
    '/model/x\\y/converse',
    '/model/converse',
    '/knowledgebases/KB1/retrieve/extra',
    '/agents/A/agentAliases/B/sessions/C',
    '/guardrail/g/version/1',
    '/',
    '',
  ])('refuses %j', (path) => {
    expect(parsePassthroughPath(path)).toBeUndefined();
  });

  it('rebuilds the upstream path from the parsed parts, labels encoded as the SDK encodes them', () => {
    const operation = parsePassthroughPath(
      '/model/arn:aws:bedrock:us-east-1:1:application-inference-profile/p1/converse',
    )!;
    expect(upstreamPathOf(operation.target)).toBe(
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aapplication-inference-profile%2Fp1/converse',
    );
    expect(upstreamPathOf(operation.target, 'us.amazon.nova-lite-v1:0')).toBe(
      '/model/us.amazon.nova-lite-v1%3A0/converse',
    );
  });
});
