// Fixture-driven: each __fixtures__/requests/*.json holds a realistic OpenAI request, the model it goes
// to, and the exact Converse input (wire JSON) plus translation context it must produce.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseChatCompletionRequest } from '@quarry/openai';
import type { ModelCapabilities } from '../../capabilities/model-capabilities';
import type { ModelFamily } from '../../model-family';
import {
  capabilitiesFor,
  fakeFetchImage,
  optionsFor,
  toWireJson,
  type FakeImage,
} from './__fixtures__/fixture-support';
import { toConverseRequest } from './converse-request';

interface RequestFixture {
  description: string;
  capabilities: Partial<ModelCapabilities> & { family: ModelFamily };
  options?: {
    dropParams?: boolean;
    modifyParams?: boolean;
    stream?: boolean;
    userContinueMessage?: string;
    deploymentParams?: Record<string, unknown>;
  };
  images?: Record<string, FakeImage>;
  request: unknown;
  expected: { input: unknown; context: { toolNames: Record<string, string>; jsonMode: unknown } };
}

const fixtureDirectory = path.join(__dirname, '__fixtures__', 'requests');
const fixtures = readdirSync(fixtureDirectory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map(
    (name) =>
      [name, JSON.parse(readFileSync(path.join(fixtureDirectory, name), 'utf8')) as RequestFixture] as const,
  );

describe('toConverseRequest fixtures', () => {
  it('has fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures)('%s', async (_name, fixture) => {
    const { family, ...overrides } = fixture.capabilities;
    const capabilities = capabilitiesFor(family, overrides);
    const request = parseChatCompletionRequest(structuredClone(fixture.request));
    const { input, context } = await toConverseRequest(
      request,
      optionsFor(capabilities, {
        ...fixture.options,
        deploymentParams: fixture.options?.deploymentParams ?? {},
        fetchImage: fakeFetchImage(fixture.images ?? {}),
      }),
    );
    expect(toWireJson(input)).toEqual(fixture.expected.input);
    expect(toWireJson(context.toolNames)).toEqual(fixture.expected.context.toolNames);
    expect(context.jsonMode).toEqual(fixture.expected.context.jsonMode);
    expect(context.capabilities).toBe(capabilities);
  });
});
