import { OpenAIError, parseEmbeddingsRequest } from '@quarry/openai';
import { fromEmbeddingAnswers } from './embeddings-response';
import { toEmbeddingPlan } from './embeddings-request';

const plan = (body: Record<string, unknown>, baseModelId: string, dropParams = false) =>
  toEmbeddingPlan(parseEmbeddingsRequest({ model: 'm', ...body }), { baseModelId, dropParams });

describe('toEmbeddingPlan', () => {
  it('makes one Titan body per input, with the v2 settings', () => {
    expect(
      plan({ input: ['a', 'b'], dimensions: 512, normalize: false }, 'amazon.titan-embed-text-v2:0').calls,
    ).toEqual([
      { body: { inputText: 'a', dimensions: 512, normalize: false }, inputCount: 1 },
      { body: { inputText: 'b', dimensions: 512, normalize: false }, inputCount: 1 },
    ]);
  });

  it('sends images to the multimodal model as inputImage, and dimensions as outputEmbeddingLength', () => {
    const [call] = plan(
      { input: 'data:image/png;base64,iVBORw0KGgo=', dimensions: 384 },
      'amazon.titan-embed-image-v1',
    ).calls;
    expect(call.body).toEqual({
      inputImage: 'iVBORw0KGgo=',
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
  });

  it('batches Cohere texts 96 to a call with search_document by default', () => {
    const calls = plan(
      { input: Array.from({ length: 100 }, (_, index) => `t${index}`), truncate: 'END' },
      'cohere.embed-english-v3',
    ).calls;
    expect(calls.map((call) => call.inputCount)).toEqual([96, 4]);
    expect(calls[1].body).toEqual({
      texts: ['t96', 't97', 't98', 't99'],
      input_type: 'search_document',
      truncate: 'END',
    });
  });

  it('refuses what a model cannot take, unless drop_params', () => {
    expect(() => plan({ input: 'a', dimensions: 256 }, 'amazon.titan-embed-text-v1')).toThrow(OpenAIError);
    expect(plan({ input: 'a', dimensions: 256 }, 'amazon.titan-embed-text-v1', true).calls[0].body).toEqual({
      inputText: 'a',
    });
    expect(() => plan({ input: 'a', input_type: 'search_query' }, 'amazon.titan-embed-text-v2:0')).toThrow(
      /Cohere setting/,
    );
    expect(() => plan({ input: 'a' }, 'anthropic.claude-3-haiku-20240307-v1:0')).toThrow(
      /not an embedding model/,
    );
  });
});

describe('fromEmbeddingAnswers', () => {
  it('keeps the order of the calls, sums tokens from bodies or headers, and encodes base64 as float32', () => {
    const request = parseEmbeddingsRequest({ model: 'm', input: ['a', 'b'], encoding_format: 'base64' });
    const titanPlan = toEmbeddingPlan(request, {
      baseModelId: 'amazon.titan-embed-text-v1',
      dropParams: false,
    });
    const { response, usage } = fromEmbeddingAnswers(
      titanPlan,
      [
        { body: { embedding: [0.5, -1], inputTextTokenCount: 2 } },
        { body: { embedding: [1, 2] }, headerInputTokens: 3 },
      ],
      { model: 'm', encodingFormat: 'base64', price: undefined },
    );
    expect(usage.inputTokens).toBe(5);
    const decoded = Array.from(
      new Float32Array(new Uint8Array(Buffer.from(response.data[0].embedding as string, 'base64')).buffer),
    );
    expect(decoded).toEqual([0.5, -1]);
    expect(response.data[1].index).toBe(1);
  });

  it('fails rather than misalign when Bedrock answers fewer vectors than inputs', () => {
    const request = parseEmbeddingsRequest({ model: 'm', input: ['a', 'b'] });
    const coherePlan = toEmbeddingPlan(request, {
      baseModelId: 'cohere.embed-english-v3',
      dropParams: false,
    });
    expect(() =>
      fromEmbeddingAnswers(coherePlan, [{ body: { embeddings: [[1]] } }], {
        model: 'm',
        encodingFormat: undefined,
        price: undefined,
      }),
    ).toThrow(/1 embeddings for 2 inputs/);
  });
});
