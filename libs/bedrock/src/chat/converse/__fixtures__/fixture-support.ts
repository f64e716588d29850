// Helpers for the Converse request specs: capabilities per family, a fake image fetcher, and the
// SDK's JSON view of an input (blobs as base64), so expectations read like the wire format.
import type { ModelCapabilities } from '../../../capabilities/model-capabilities';
import type { ModelFamily } from '../../../model-family';
import { parseChatCompletionRequest } from '@quarry/openai';
import { toConverseRequest, type ConverseRequestOptions } from '../converse-request';

export function capabilitiesFor(
  family: ModelFamily,
  overrides: Partial<ModelCapabilities> = {},
): ModelCapabilities {
  return {
    family,
    mode: 'chat',
    supportsConverse: true,
    supportsTools: true,
    supportsToolChoice: true,
    supportsVision: true,
    supportsPdfInput: true,
    supportsReasoning: false,
    supportsResponseSchema: false,
    supportsPromptCaching: false,
    // The fixtures' Claude is a current one (4.5+).
    supportsClaude45Controls: family === 'anthropic',
    ...overrides,
  };
}

export interface FakeImage {
  contentType: string;
  base64: string;
}

/** Serves the given images; any other URL fails the way the SSRF guard would. */
export function fakeFetchImage(images: Record<string, FakeImage>): ConverseRequestOptions['fetchImage'] {
  return async (url) => {
    const image = images[url];
    if (!image) throw new Error(`no such image: ${url}`);
    return { bytes: Buffer.from(image.base64, 'base64'), contentType: image.contentType };
  };
}

export function optionsFor(
  capabilities: ModelCapabilities,
  overrides: Partial<ConverseRequestOptions> = {},
): ConverseRequestOptions {
  return {
    modelId: 'test-model',
    capabilities,
    dropParams: false,
    modifyParams: false,
    deploymentParams: {},
    fetchImage: fakeFetchImage({}),
    ...overrides,
  };
}

/** Uint8Array → base64 and Map → object, as the SDK would put them on the wire. */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Map)
    return Object.fromEntries(Array.from(value, ([key, entry]) => [key, toWireJson(entry)]));
  if (Array.isArray(value)) return value.map(toWireJson);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value))
      if (entry !== undefined) result[key] = toWireJson(entry);
    return result;
  }
  return value;
}

/** Parses like the gateway does, then translates; returns the wire JSON of the input and the context. */
export async function translateForTest(
  body: Record<string, unknown>,
  family: ModelFamily,
  capabilityOverrides: Partial<ModelCapabilities> = {},
  optionOverrides: Partial<ConverseRequestOptions> = {},
): Promise<{
  input: Record<string, any>;
  context: Awaited<ReturnType<typeof toConverseRequest>>['context'];
}> {
  const request = parseChatCompletionRequest({ model: 'test', ...body });
  const { input, context } = await toConverseRequest(
    request,
    optionsFor(capabilitiesFor(family, capabilityOverrides), optionOverrides),
  );
  return { input: toWireJson(input) as Record<string, any>, context };
}
