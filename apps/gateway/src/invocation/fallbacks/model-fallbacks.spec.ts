import { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { fallbackTriggerOf } from './fallback-trigger';
import { callWithModelFallbacks, type FallbackRoute } from './model-fallbacks';

const deploymentOf = (model: string) =>
  ({ deployment: { modelName: model } }) as unknown as ResolvedDeployment;
const modelOf = (deployments: readonly ResolvedDeployment[]) =>
  (deployments[0].deployment as unknown as { modelName: string }).modelName;

const throttled = () =>
  new OpenAIError(429, 'Too many requests', 'rate_limit_error', null, 'ThrottlingException');
const invalid = () =>
  new OpenAIError(400, 'Malformed input request', 'invalid_request_error', null, 'ValidationException');
const tooLong = () => new OpenAIError(400, 'Input is too long for requested model.', 'invalid_request_error');

function route(
  lists: Partial<Record<string, string[]>>,
  overrides: Partial<FallbackRoute> = {},
): FallbackRoute {
  return {
    model: 'primary',
    maxFallbacks: 5,
    modelsFor: (trigger) => lists[trigger] ?? [],
    deploymentsOf: (model) => ({ deployments: model === 'missing' ? [] : [deploymentOf(model)] }),
    accepts: async () => true,
    ...overrides,
  };
}

describe('fallbackTriggerOf', () => {
  it('sorts failures into the list they use, and leaves the request’s own faults alone', () => {
    expect(fallbackTriggerOf(tooLong())).toBe('context_window');
    expect(
      fallbackTriggerOf(OpenAIError.badRequest('This request has been blocked by our content filters.')),
    ).toBe('content_policy');
    expect(fallbackTriggerOf(OpenAIError.badRequest('refused', 'prompt', 'content_filter'))).toBe(
      'content_policy',
    );
    for (const status of [401, 403, 404, 408, 429, 500, 502, 503])
      expect(fallbackTriggerOf(new OpenAIError(status, 'x', 'upstream_error'))).toBe('generic');
    expect(fallbackTriggerOf(invalid())).toBeUndefined();
    expect(fallbackTriggerOf(new OpenAIError(499, 'gone', 'invalid_request_error'))).toBeUndefined();
    expect(
      fallbackTriggerOf(new OpenAIError(503, 'bye', 'server_error', null, 'shutting_down')),
    ).toBeUndefined();
  });
});

describe('callWithModelFallbacks', () => {
  it('tries the list for the failure in order, skipping models that are missing, tried or unfit', async () => {
    const called: string[] = [];
    const served = await callWithModelFallbacks(
      { deployments: [deploymentOf('primary')] },
      () =>
        route(
          { generic: ['missing', 'primary', 'unfit', 'down', 'up', 'never'] },
          { accepts: async (deployments) => modelOf(deployments) !== 'unfit' },
        ),
      async ({ deployments }) => {
        const model = modelOf(deployments);
        called.push(model);
        if (model === 'primary' || model === 'down') throw throttled();
        return model;
      },
    );
    expect(served).toEqual({ result: 'up', attemptedFallbacks: 2, fallbackModel: 'up' });
    expect(called).toEqual(['primary', 'down', 'up']);
  });

  it('does not send a request Bedrock refused as written anywhere else', async () => {
    const called: string[] = [];
    await expect(
      callWithModelFallbacks(
        { deployments: [deploymentOf('primary')] },
        () => route({ generic: ['other'] }),
        async ({ deployments }) => {
          called.push(modelOf(deployments));
          throw invalid();
        },
      ),
    ).rejects.toMatchObject({ status: 400, headers: { 'x-quarry-attempted-fallbacks': '0' } });
    expect(called).toEqual(['primary']);
  });

  it('ends the chain at a fallback that rejects the request, and stops at max_fallbacks', async () => {
    const called: string[] = [];
    const failing = async ({ deployments }: { deployments: readonly ResolvedDeployment[] }) => {
      const model = modelOf(deployments);
      called.push(model);
      throw model === 'strict' ? invalid() : tooLong();
    };
    await expect(
      callWithModelFallbacks(
        { deployments: [deploymentOf('primary')] },
        () => route({ context_window: ['strict', 'after'] }),
        failing,
      ),
    ).rejects.toMatchObject({ status: 400, message: 'Malformed input request' });
    expect(called).toEqual(['primary', 'strict']);

    called.length = 0;
    await expect(
      callWithModelFallbacks(
        { deployments: [deploymentOf('primary')] },
        () => route({ context_window: ['a', 'b', 'c'] }, { maxFallbacks: 2 }),
        failing,
      ),
    ).rejects.toMatchObject({ headers: { 'x-litellm-attempted-fallbacks': '2' } });
    expect(called).toEqual(['primary', 'a', 'b']);
  });
});
