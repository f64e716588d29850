// The price of each foundation model an agent's trace names, for one agent deployment: the table's
// price for that model (a cross-region profile at its own price, an ARN's region honoured), with the
// deployment's model_info price fields on top; an unnamed or unlisted model takes the deployment's own
// price (from `model_info.base_model` or its price fields). Looked up once per model, then remembered.
import { parseDeploymentModel } from '../route';
import type { ModelPrice } from '../pricing/model-price';
import { mergePriceOverrides, type ModelInfoPrices } from '../pricing/price-overrides';
import { priceFor } from '../pricing/price-table';
import type { AgentModelPrice } from './agent-usage';

/** An agent uses a handful of models; the bound only guards against a trace naming endless ones. */
const MAX_REMEMBERED = 64;

export function agentPricing(
  region: string,
  modelInfo: ModelInfoPrices | undefined,
  deploymentPrice: ModelPrice | undefined,
): AgentModelPrice {
  const remembered = new Map<string, ModelPrice | undefined>();
  return (foundationModel) => {
    if (foundationModel === undefined) return deploymentPrice;
    if (remembered.has(foundationModel)) return remembered.get(foundationModel);
    const price = priceOfModel(foundationModel, region, modelInfo) ?? deploymentPrice;
    if (remembered.size < MAX_REMEMBERED) remembered.set(foundationModel, price);
    return price;
  };
}

function priceOfModel(
  foundationModel: string,
  region: string,
  modelInfo: ModelInfoPrices | undefined,
): ModelPrice | undefined {
  let route;
  try {
    route = parseDeploymentModel(`bedrock/${foundationModel}`);
  } catch {
    return undefined; // not a model id we can read: priced like the deployment
  }
  const price = priceFor(route.pricingKey, route.arnRegion ?? region);
  return price ? mergePriceOverrides(price, modelInfo) : undefined;
}
