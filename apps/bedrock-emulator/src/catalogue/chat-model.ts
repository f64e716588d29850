// A chat model's catalogue entry: Converse and InvokeModel (streamed or not), with the traits that vary.
import type { FoundationModel, Modality, ModelFamily } from './foundation-model';

export interface ChatTraits {
  vision?: boolean;
  countTokens?: boolean;
  /** Models whose native InvokeModel format the emulator does not speak are Converse-only here. */
  converseOnly?: boolean;
  legacy?: boolean;
  /** Bedrock cannot stream it (AI21 Jurassic-2): no InvokeModelWithResponseStream. */
  noStreaming?: boolean;
  /** Offered through cross-region inference profiles only (Nova Premier, Pixtral Large). */
  profileOnly?: boolean;
}

export function chatModel(
  modelId: string,
  modelName: string,
  providerName: string,
  family: ModelFamily,
  traits: ChatTraits = {},
): FoundationModel {
  const inputModalities: Modality[] = traits.vision ? ['TEXT', 'IMAGE'] : ['TEXT'];
  return {
    modelId,
    modelName,
    providerName,
    family,
    inputModalities,
    outputModalities: ['TEXT'],
    responseStreamingSupported: !traits.noStreaming,
    inferenceTypesSupported: traits.profileOnly ? ['INFERENCE_PROFILE'] : ['ON_DEMAND', 'INFERENCE_PROFILE'],
    lifecycleStatus: traits.legacy ? 'LEGACY' : 'ACTIVE',
    operations: {
      converse: true,
      converseStream: true,
      invoke: !traits.converseOnly,
      invokeStream: !traits.converseOnly && !traits.noStreaming,
      countTokens: traits.countTokens ?? false,
    },
  };
}
