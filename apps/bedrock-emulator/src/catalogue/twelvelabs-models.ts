// TwelveLabs on Bedrock. Pegasus 1.2 answers questions about a video over InvokeModel (streamed or not;
// Bedrock offers no Converse for it). Marengo Embed 2.7 is listed so that it is known, but InvokeModel
// refuses it: its embeddings come from StartAsyncInvoke, which the emulator does not serve.
import type { FoundationModel } from './foundation-model';
import { invokeOnlyModel } from './non-text-models';

const pegasus: FoundationModel = {
  modelId: 'twelvelabs.pegasus-1-2-v1:0',
  modelName: 'Pegasus v1.2',
  providerName: 'TwelveLabs',
  family: 'twelvelabs-pegasus',
  inputModalities: ['TEXT', 'VIDEO'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
  lifecycleStatus: 'ACTIVE',
  operations: {
    converse: false,
    converseStream: false,
    invoke: true,
    invokeStream: true,
    countTokens: false,
  },
};

export const twelveLabsModels: FoundationModel[] = [
  pegasus,
  invokeOnlyModel(
    'twelvelabs.marengo-embed-2-7-v1:0',
    'Marengo Embed v2.7',
    'TwelveLabs',
    'twelvelabs-marengo',
    ['TEXT', 'IMAGE', 'VIDEO', 'AUDIO'],
    ['EMBEDDING'],
    1024,
  ),
];
