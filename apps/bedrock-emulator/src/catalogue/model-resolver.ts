// Turns any modelId form Bedrock accepts into a catalogue entry: base ids, cross-region inference
// profile ids (us./eu./apac./global. …) and ARNs of foundation models, inference profiles,
// application inference profiles and provisioned models.
import type { FoundationModel } from './foundation-model';
import { findFoundationModel } from './foundation-models';

/** Application inference profiles and provisioned models carry no model family; unknown ones become this model. */
export const DEFAULT_PROFILE_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

const PROFILE_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\.(.+)$/;
const BEDROCK_ARN = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/;

export type ModelResolution = { ok: true; model: FoundationModel } | { ok: false; message: string };

/**
 * @param applicationProfiles optional map of application-inference-profile / provisioned-model id → base model id,
 *   for services that create such resources; anything not in it maps to DEFAULT_PROFILE_MODEL_ID.
 */
export function resolveModel(
  modelId: string,
  applicationProfiles?: ReadonlyMap<string, string>,
): ModelResolution {
  const notFound: ModelResolution = {
    ok: false,
    message: `The provided model identifier is invalid: ${modelId}`,
  };
  const arn = BEDROCK_ARN.exec(modelId);
  if (arn) {
    const [, , , resourceType, resourceId] = arn;
    switch (resourceType) {
      case 'foundation-model':
        return fromBaseId(resourceId) ?? notFound;
      case 'inference-profile':
        return fromProfileId(resourceId) ?? notFound;
      case 'application-inference-profile':
      case 'provisioned-model': {
        const mapped = applicationProfiles?.get(resourceId) ?? applicationProfiles?.get(modelId);
        return fromBaseId(mapped ?? DEFAULT_PROFILE_MODEL_ID) ?? notFound;
      }
      default:
        return notFound;
    }
  }
  return fromBaseId(modelId) ?? fromProfileId(modelId) ?? notFound;
}

function fromBaseId(modelId: string): ModelResolution | undefined {
  const model = findFoundationModel(modelId);
  return model ? { ok: true, model } : undefined;
}

function fromProfileId(profileId: string): ModelResolution | undefined {
  const match = PROFILE_PREFIX.exec(profileId);
  return match ? fromBaseId(match[2]) : undefined;
}
