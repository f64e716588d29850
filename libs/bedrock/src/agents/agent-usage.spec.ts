import type { TracePart } from '@aws-sdk/client-bedrock-agent-runtime';
import type { ModelPrice } from '../pricing/model-price';
import { AgentUsageMeter } from './agent-usage';

const price = (inputPerToken: number, outputPerToken: number) =>
  ({ key: 'k', inputPerToken, outputPerToken, cacheReadPerToken: 0, cacheWritePerToken: 0 }) as ModelPrice;

const step = (kind: string, member: Record<string, unknown>) =>
  ({ trace: { [kind]: member } }) as unknown as TracePart;
const input = (kind: string, traceId: string, foundationModel: string) =>
  step(kind, { modelInvocationInput: { traceId, foundationModel } });
const output = (kind: string, traceId: string, inputTokens: number, outputTokens: number) =>
  step(kind, { modelInvocationOutput: { traceId, metadata: { usage: { inputTokens, outputTokens } } } });

describe('AgentUsageMeter', () => {
  it('sums every step’s model usage and prices each with the model its step names', () => {
    const meter = new AgentUsageMeter();
    meter.record(input('routingClassifierTrace', 'r-1', 'small-model'));
    meter.record(output('routingClassifierTrace', 'r-1', 10, 1));
    meter.record(input('preProcessingTrace', 'p-1', 'big-model'));
    meter.record(output('preProcessingTrace', 'p-1', 100, 10));
    meter.record(input('orchestrationTrace', 'o-1', 'big-model'));
    meter.record(step('orchestrationTrace', { rationale: { text: 'thinking' } }));
    meter.record(output('orchestrationTrace', 'o-1', 200, 20));
    meter.record(output('postProcessingTrace', 'unpaired', 50, 5));

    expect(meter.usage).toEqual({
      inputTokens: 360,
      outputTokens: 36,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(meter.foundationModel).toBe('big-model');
    const prices: Record<string, ModelPrice> = { 'small-model': price(1, 1), 'big-model': price(10, 100) };
    // small: 11; big (pre + orchestration + the unpaired post step, run on the last named model): 350×10 + 35×100.
    expect(meter.cost((model) => (model ? prices[model] : undefined))).toBe(11 + 3500 + 3500);
  });

  it('has no cost when no model can be priced, and reports whether any usage came', () => {
    const meter = new AgentUsageMeter();
    expect(meter.usageReported).toBe(false);
    meter.record(output('orchestrationTrace', 'o-1', 5, 5));
    expect(meter.usageReported).toBe(true);
    expect(meter.cost(() => undefined)).toBeUndefined();
    expect(meter.cost(() => price(1, 2))).toBe(15);
  });
});
