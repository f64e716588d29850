// The request fixtures (requests/*.json): an OpenAI request, the model it goes to, and the Converse
// input it must translate to, written as the JSON the SDK puts on the wire (see README.md here).
// Loaded by converse-request.spec.ts (the translation) and converse-wire.spec.ts (the SDK's serializer).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseChatCompletionRequest } from '@quarry/openai';
import type { ModelCapabilities } from '../../../capabilities/model-capabilities';
import type { ModelFamily } from '../../../model-family';
import { toConverseRequest } from '../converse-request';
import { capabilitiesFor, fakeFetchImage, optionsFor, type FakeImage } from './fixture-support';

export interface RequestFixture {
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
  expected: {
    input: Record<string, unknown>;
    context: { toolNames: Record<string, string>; jsonMode: unknown };
  };
}

const fixtureDirectory = path.join(__dirname, 'requests');

/** [file name, fixture] pairs, in file name order. */
export const requestFixtures: ReadonlyArray<readonly [string, RequestFixture]> = readdirSync(fixtureDirectory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map(
    (name) =>
      [name, JSON.parse(readFileSync(path.join(fixtureDirectory, name), 'utf8')) as RequestFixture] as const,
  );

/** Parses the fixture's request as the gateway does and translates it for the fixture's model. */
export async function translateFixture(fixture: RequestFixture) {
  const { family, ...overrides } = fixture.capabilities;
  const capabilities = capabilitiesFor(family, overrides);
  const request = parseChatCompletionRequest(structuredClone(fixture.request));
  const translated = await toConverseRequest(
    request,
    optionsFor(capabilities, {
      ...fixture.options,
      deploymentParams: fixture.options?.deploymentParams ?? {},
      fetchImage: fakeFetchImage(fixture.images ?? {}),
    }),
  );
  return { ...translated, capabilities };
}
