// ListFoundationModels and GetFoundationModel over the runtime's model catalogue.
import { foundationModelSummary, type FoundationModel } from '../catalogue/foundation-model';
import { findFoundationModel, foundationModels } from '../catalogue/foundation-models';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import { notFound, validationError } from '../service-support/service-error';

const FOUNDATION_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*::foundation-model\/(.+)$/;

const FILTER_VALUES: Record<string, readonly string[]> = {
  byCustomizationType: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'],
  byOutputModality: ['TEXT', 'IMAGE', 'EMBEDDING'],
  byInferenceType: ['ON_DEMAND', 'PROVISIONED'],
};

export function listFoundationModels(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): void {
  for (const [name, allowed] of Object.entries(FILTER_VALUES)) {
    const value = request.query.get(name);
    if (value !== null && !allowed.includes(value)) {
      throw validationError(name, `Member must satisfy enum value set: [${allowed.join(', ')}]`, value);
    }
  }
  const provider = request.query.get('byProvider')?.toLowerCase();
  const outputModality = request.query.get('byOutputModality');
  const inferenceType = request.query.get('byInferenceType');
  const customizationType = request.query.get('byCustomizationType');
  const models = foundationModels
    .filter((model) => provider === undefined || providerMatches(model, provider))
    .filter(
      (model) => outputModality === null || (model.outputModalities as string[]).includes(outputModality),
    )
    .filter(
      (model) =>
        inferenceType === null || (model.inferenceTypesSupported as string[]).includes(inferenceType),
    )
    // The emulator offers no model customization, so a customization filter matches nothing.
    .filter(() => customizationType === null);
  response.json({
    modelSummaries: models.map((model) => foundationModelSummary(model, context.options.region)),
  });
}

export function getFoundationModel(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): void {
  const identifier = request.params.modelIdentifier;
  const modelId = FOUNDATION_MODEL_ARN.exec(identifier)?.[1] ?? identifier;
  const model = findFoundationModel(modelId);
  if (!model) throw notFound(`The foundation model ${identifier} does not exist.`);
  response.json({ modelDetails: foundationModelSummary(model, context.options.region) });
}

/** byProvider matches the provider name ("Meta") or the model id's prefix ("meta"), ignoring case. */
function providerMatches(model: FoundationModel, provider: string): boolean {
  return model.providerName.toLowerCase() === provider || model.modelId.split('.')[0] === provider;
}
