// The emulator stands in for Bedrock when a newcomer runs a copy of their LiteLLM config: every model
// the price table knows must be one the emulator answers for, and every model the emulator lists must
// have a price, or cost tracking would silently book zero for it.
import { resolveModel } from '../../apps/bedrock-emulator/src/catalogue/model-resolver';
import { foundationModels } from '../../apps/bedrock-emulator/src/catalogue/foundation-models';
import prices from '../../libs/bedrock/src/pricing/bedrock-prices.json';
import { priceFor } from '@quarry/bedrock';
import { perImagePrice, toImagePlan } from '@quarry/bedrock';

/** A price-table key → the model id a client sends: sizes/steps and `bedrock/<region>/` prefixes dropped. */
function modelIdOf(key: string): string {
  return key
    .replace(/^[^/]*-x-[^/]*\/[^/]*-steps\//, '')
    .replace(/^bedrock\/([a-z]{2,}(-[a-z]+)+-\d\/)?/, '')
    .replace(/^(invoke|converse)\//, '');
}

describe('the emulator catalogue and the price table', () => {
  const priced = [...new Set(Object.keys((prices as { models: object }).models).map(modelIdOf))];

  it('the emulator answers for every model the price table prices', () => {
    const unknown = priced.filter((id) => !resolveModel(id).ok);
    expect(unknown).toEqual([]);
  });

  it('every model the emulator lists has a price', () => {
    const unpriced = foundationModels
      .filter((model) => !priceFor(model.modelId, 'us-east-1') && !imagePrice(model.modelId))
      .map((model) => model.modelId);
    expect(unpriced).toEqual([]);
  });
});

function imagePrice(modelId: string): number | undefined {
  try {
    const plan = toImagePlan({ model: modelId, prompt: 'x' } as any, { baseModelId: modelId, dropParams: true });
    return perImagePrice(plan, modelId, undefined);
  } catch {
    return undefined;
  }
}
