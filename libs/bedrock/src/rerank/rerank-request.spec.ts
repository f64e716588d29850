import { OpenAIError, parseRerankRequest } from '@quarry/openai';
import { fromRerankOutput } from './rerank-response';
import { modelArnOf, toRerankInput } from './rerank-request';

const ARN = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0';

function request(body: Record<string, unknown>) {
  return parseRerankRequest({ model: 'm', query: 'q', documents: ['a', 'b'], ...body });
}

describe('toRerankInput', () => {
  it('sends strings as TEXT sources, objects as JSON, top_n as numberOfResults, the ARN as is', () => {
    const input = toRerankInput(request({ documents: ['a', { title: 't', body: 'b' }], top_n: 1 }), {
      modelId: ARN,
      region: 'us-east-1',
    });
    expect(input).toEqual({
      queries: [{ type: 'TEXT', textQuery: { text: 'q' } }],
      sources: [
        { type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text: 'a' } } },
        { type: 'INLINE', inlineDocumentSource: { type: 'JSON', jsonDocument: { title: 't', body: 'b' } } },
      ],
      rerankingConfiguration: {
        type: 'BEDROCK_RERANKING_MODEL',
        bedrockRerankingConfiguration: { numberOfResults: 1, modelConfiguration: { modelArn: ARN } },
      },
    });
  });

  it('ranks only rank_fields of object documents, and refuses a document with none of them', () => {
    const input = toRerankInput(request({ documents: [{ title: 't', body: 'b' }], rank_fields: ['title'] }), {
      modelId: ARN,
      region: 'us-east-1',
    });
    expect(input.sources![0].inlineDocumentSource).toEqual({ type: 'JSON', jsonDocument: { title: 't' } });
    expect(() =>
      toRerankInput(request({ documents: [{ body: 'b' }], rank_fields: ['title'] }), {
        modelId: ARN,
        region: 'x',
      }),
    ).toThrow(OpenAIError);
  });

  it('caps numberOfResults at the number of documents and makes an ARN of a plain id', () => {
    const input = toRerankInput(request({ top_n: 10 }), {
      modelId: 'cohere.rerank-v3-5:0',
      region: 'eu-west-1',
    });
    expect(input.rerankingConfiguration!.bedrockRerankingConfiguration!).toEqual({
      numberOfResults: 2,
      modelConfiguration: { modelArn: modelArnOf('cohere.rerank-v3-5:0', 'eu-west-1') },
    });
    expect(modelArnOf('cohere.rerank-v3-5:0', 'eu-west-1')).toBe(
      'arn:aws:bedrock:eu-west-1::foundation-model/cohere.rerank-v3-5:0',
    );
  });
});

describe('fromRerankOutput', () => {
  it('keeps the order, gives documents when asked, and prices a search unit per 100 documents', () => {
    const documents = Array.from({ length: 101 }, (_, index) => `d${index}`);
    const { response, cost } = fromRerankOutput(
      request({ documents, return_documents: true }),
      {
        results: [
          { index: 5, relevanceScore: 0.9 },
          { index: 1, relevanceScore: 0.2 },
        ],
      },
      { id: 'req-1', price: { perQuery: 0.001 } as any },
    );
    expect(response).toEqual({
      id: 'req-1',
      results: [
        { index: 5, relevance_score: 0.9, document: { text: 'd5' } },
        { index: 1, relevance_score: 0.2, document: { text: 'd1' } },
      ],
      meta: { billed_units: { search_units: 2 }, cost: 0.002 },
    });
    expect(cost).toBe(0.002);
  });
});
