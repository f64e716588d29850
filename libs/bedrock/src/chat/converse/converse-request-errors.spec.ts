// Every request Bedrock would refuse (or that asks for something it cannot do) fails here first, with
// an OpenAI 400 naming the field. Cases live in __fixtures__/bad-requests.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAIError, parseChatCompletionRequest } from '@quarry/openai';
import type { ModelCapabilities } from '../../capabilities/model-capabilities';
import type { ModelFamily } from '../../model-family';
import { capabilitiesFor, fakeFetchImage, optionsFor, type FakeImage } from './__fixtures__/fixture-support';
import { toConverseRequest } from './converse-request';

interface BadRequestCase {
  description: string;
  capabilities: Partial<ModelCapabilities> & { family: ModelFamily };
  options?: { dropParams?: boolean; modifyParams?: boolean; deploymentParams?: Record<string, unknown> };
  images?: Record<string, FakeImage>;
  request: unknown;
  error: { status: number; param: string | null; message: string };
}

const cases = JSON.parse(
  readFileSync(path.join(__dirname, '__fixtures__', 'bad-requests.json'), 'utf8'),
) as BadRequestCase[];

async function translate(badRequest: BadRequestCase): Promise<unknown> {
  const { family, ...overrides } = badRequest.capabilities;
  const request = parseChatCompletionRequest(structuredClone(badRequest.request));
  return toConverseRequest(
    request,
    optionsFor(capabilitiesFor(family, overrides), {
      ...badRequest.options,
      deploymentParams: badRequest.options?.deploymentParams ?? {},
      fetchImage: fakeFetchImage(badRequest.images ?? {}),
    }),
  );
}

describe('toConverseRequest refuses', () => {
  it.each(cases.map((badRequest) => [badRequest.description, badRequest] as const))(
    '%s',
    async (_description, badRequest) => {
      const error = await translate(badRequest).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(OpenAIError);
      const openAIError = error as OpenAIError;
      expect(openAIError.status).toBe(badRequest.error.status);
      expect(openAIError.param).toBe(badRequest.error.param);
      expect(openAIError.message).toContain(badRequest.error.message);
    },
  );
});
