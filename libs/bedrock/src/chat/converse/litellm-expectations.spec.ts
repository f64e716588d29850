// LiteLLM's published expectations for its Bedrock Converse translation, restated as fixtures
// (__fixtures__/litellm/*.json, each case naming the LiteLLM test it comes from), run against Quarry's
// translation with each model's real capabilities. Where Quarry differs on purpose the fixture asserts
// Quarry's behaviour and names the row of docs/chat-completions.md's differences table that says why.
import { parseChatCompletionRequest } from '@quarry/openai';
import { OpenAIError } from '@quarry/openai';
import { capabilitiesFor } from '../../capabilities/capabilities-for';
import { parseDeploymentModel } from '../../route';
import { optionsFor, toWireJson } from './__fixtures__/fixture-support';
import {
  documentedDifferenceRows,
  requestCases,
  responseCases,
  streamCases,
  valueAt,
  type RequestCase,
} from './__fixtures__/litellm/litellm-cases';
import { toConverseRequest } from './converse-request';
import { fromConverseResponse } from './converse-response';
import { ConverseStreamTranslator } from './converse-stream';

async function translate(testCase: Pick<RequestCase, 'model' | 'request' | 'options'>) {
  const route = parseDeploymentModel(`bedrock/${testCase.model}`);
  const request = parseChatCompletionRequest(structuredClone({ model: 'm', ...testCase.request }));
  return toConverseRequest(
    request,
    optionsFor(capabilitiesFor(route.baseModelId), { modelId: route.modelId, ...testCase.options }),
  );
}

describe("LiteLLM's Converse request expectations", () => {
  it.each(requestCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      if (testCase.error) {
        const failure = await translate(testCase).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(OpenAIError);
        const error = failure as OpenAIError;
        expect(error.status).toBe(400);
        if (testCase.error.param) expect(error.param).toBe(testCase.error.param);
        if (testCase.error.message) expect(error.message).toContain(testCase.error.message);
        return;
      }
      const input = toWireJson((await translate(testCase)).input);
      if (testCase.contains) expect(input).toMatchObject(testCase.contains);
      for (const absent of testCase.absent ?? []) expect({ [absent]: valueAt(input, absent) }).toEqual({});
    },
  );
});

describe("LiteLLM's Converse response expectations", () => {
  it.each(responseCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const { context } = await translate(testCase);
      const { completion } = fromConverseResponse(testCase.converse as never, {
        id: 'chatcmpl-litellm',
        created: 1,
        model: 'm',
        context,
      });
      const body = JSON.parse(JSON.stringify(completion));
      expect(body).toMatchObject(testCase.contains);
      for (const absent of testCase.absent ?? []) expect({ [absent]: valueAt(body, absent) }).toEqual({});
    },
  );
});

describe("LiteLLM's ConverseStream expectations", () => {
  it.each(streamCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const { context } = await translate(testCase);
      const translator = new ConverseStreamTranslator({
        id: 'chatcmpl-litellm',
        created: 1,
        model: 'm',
        context,
        includeUsage: false,
      });
      const chunks = testCase.events.flatMap((event) => translator.translate(event as never));
      chunks.push(...translator.finish());
      const [role, ...rest] = chunks.map((chunk) => chunk.choices[0]);
      expect(role.delta).toEqual({ role: 'assistant', content: '' });
      expect(rest.map(({ delta, finish_reason }) => ({ delta, finish_reason }))).toEqual(testCase.deltas);
    },
  );
});

describe('deliberate differences from LiteLLM', () => {
  const cases = [...requestCases, ...responseCases, ...streamCases];

  it('each names what LiteLLM does and a row of the differences table in docs/chat-completions.md', () => {
    const rows = documentedDifferenceRows();
    for (const testCase of cases.filter((entry) => entry.litellm || entry.differenceRow)) {
      expect({ name: testCase.name, litellm: typeof testCase.litellm }).toEqual({
        name: testCase.name,
        litellm: 'string',
      });
      expect(rows).toContain(testCase.differenceRow);
    }
  });

  it('every case names the LiteLLM test it restates', () => {
    for (const testCase of cases) expect(testCase.litellmTest).toMatch(/^(Test\w+\.)?test_\w+/);
  });
});
