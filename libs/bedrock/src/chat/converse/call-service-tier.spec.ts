import { translateForTest } from './__fixtures__/fixture-support';
import { servedTier, serviceTierOf } from './call-service-tier';

const hi = [{ role: 'user', content: 'hi' }];

describe('service tiers', () => {
  it("sends OpenAI's service_tier as Bedrock's serviceTier and records the tier for pricing", async () => {
    const { input, context } = await translateForTest({ messages: hi, service_tier: 'flex' }, 'anthropic');
    expect(input.serviceTier).toEqual({ type: 'flex' });
    expect(context.serviceTier).toBe('flex');
  });

  it('leaves service_tier auto to Bedrock, and records latency-optimized performanceConfig', async () => {
    const auto = await translateForTest({ messages: hi, service_tier: 'auto' }, 'anthropic');
    expect(auto.input.serviceTier).toBeUndefined();
    expect(auto.context.serviceTier).toBeUndefined();
    const optimized = await translateForTest(
      { messages: hi, performanceConfig: { latency: 'optimized' } },
      'anthropic',
    );
    expect(optimized.context.serviceTier).toBe('latency-optimized');
  });

  it('refuses a per-request service_tier when the deployment fixes serviceTier', async () => {
    await expect(
      translateForTest(
        { messages: hi, service_tier: 'priority' },
        'anthropic',
        {},
        {
          deploymentParams: { serviceTier: { type: 'flex' } },
        },
      ),
    ).rejects.toMatchObject({ status: 400, param: 'service_tier', code: 'operator_controlled_param' });
  });

  it('prices what Bedrock reports it served, else what was asked for', () => {
    expect(serviceTierOf({ serviceTier: { type: 'priority' } })).toBe('priority');
    expect(serviceTierOf({ serviceTier: { type: 'default' } })).toBeUndefined();
    expect(servedTier({ serviceTier: { type: 'default' } }, 'flex')).toBeUndefined();
    expect(servedTier({}, 'flex')).toBe('flex');
  });
});
