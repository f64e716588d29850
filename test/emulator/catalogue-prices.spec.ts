// The emulator stands in for Bedrock when a newcomer runs a copy of their LiteLLM config: every model
// the price table knows must be one the emulator answers for, and every model the emulator lists must
// have a price, or cost tracking would silently book zero for it.
import { resolveModel } from '../../apps/bedrock-emulator/src/catalogue/model-resolver';
import { foundationModels } from '../../apps/bedrock-emulator/src/catalogue/foundation-models';
import prices from '../../libs/bedrock/src/pricing/bedrock-prices.json';
import { priceFor } from '@quarry/bedrock';
import { perImagePrice, toImagePlan } from '@quarry/bedrock';

/**
 * Price-table keys that are not Bedrock model ids (the source's spelling slips), with the model each
 * one prices. Bedrock itself refuses these ids, so the emulator does too; the model they mean must
 * be known.
 */
const NOT_BEDROCK_IDS: Record<string, string> = {
  // Bedrock's id carries the version suffix.
  'amazon.titan-image-generator-v2': 'amazon.titan-image-generator-v2:0',
  // Claude 3.7 Sonnet is dated 20250219; 20240620 is Claude 3.5 Sonnet's date.
  'anthropic.claude-3-7-sonnet-20240620-v1:0': 'anthropic.claude-3-7-sonnet-20250219-v1:0',
  // Kimi K2 Thinking's provider prefix is `moonshot.` (Kimi K2.5's is `moonshotai.`).
  'moonshotai.kimi-k2-thinking': 'moonshot.kimi-k2-thinking',
};

/** Cross-region profile prefixes a model priced only as a profile (Nova Premier, Pixtral) is sold under. */
const PROFILE_PREFIXES = ['us.', 'eu.', 'apac.', 'global.'];

/** A price-table key → the model id a client sends: sizes/steps and `bedrock/<region>/` prefixes dropped. */
function modelIdOf(key: string): string {
  return key
    .replace(/^[^/]*-x-[^/]*\/[^/]*-steps\//, '')
    .replace(/^bedrock\/([a-z]{2,}(-[a-z]+)+-\d\/)?(\d+-month-commitment\/)?/, '')
    .replace(/^(invoke|converse)\//, '');
}

describe('the emulator catalogue and the price table', () => {
  const priced = [...new Set(Object.keys((prices as { models: object }).models).map(modelIdOf))];

  it('the emulator answers for every model the price table prices', () => {
    const unknown = priced.map((id) => NOT_BEDROCK_IDS[id] ?? id).filter((id) => !resolveModel(id).ok);
    expect(unknown).toEqual([]);
  });

  it('the ids the price table misspells are in it, and Bedrock (so the emulator) refuses them', () => {
    for (const id of Object.keys(NOT_BEDROCK_IDS)) {
      expect(priced).toContain(id);
      expect(resolveModel(id).ok).toBe(false);
    }
  });

  it('every model the emulator lists has a price, in-region or under a cross-region profile', () => {
    const unpriced = foundationModels
      .filter((model) => !hasPrice(model.modelId))
      .map((model) => model.modelId);
    expect(unpriced).toEqual([]);
  });
});

function hasPrice(modelId: string): boolean {
  const profilePrice = PROFILE_PREFIXES.some((prefix) => priceFor(`${prefix}${modelId}`));
  return Boolean(priceFor(modelId, 'us-east-1') || profilePrice || imagePrice(modelId));
}

function imagePrice(modelId: string): number | undefined {
  try {
    const plan = toImagePlan({ model: modelId, prompt: 'x' } as any, {
      baseModelId: modelId,
      dropParams: true,
    });
    return perImagePrice(plan, modelId, undefined);
  } catch {
    return undefined;
  }
}
