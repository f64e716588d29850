// What the emulator knows about one Bedrock foundation model: the facts ListFoundationModels reports,
// plus which native body format ("family") InvokeModel speaks and which runtime operations it accepts.

/** The model-native InvokeModel body format. Families share one parser/renderer in src/runtime. */
export type ModelFamily =
  | 'anthropic'
  | 'anthropic-text'
  | 'cohere-text'
  | 'deepseek-r1'
  | 'llama'
  | 'mistral-text'
  | 'mistral-chat'
  | 'titan-text'
  | 'nova'
  | 'cohere-command'
  | 'ai21-jamba'
  | 'ai21-j2'
  | 'openai-chat'
  | 'titan-embed-text-v1'
  | 'titan-embed-text-v2'
  | 'titan-embed-image'
  | 'cohere-embed'
  | 'cohere-embed-v4'
  | 'nova-embed'
  | 'stability-sd3'
  | 'stability-sdxl'
  | 'stability-edit'
  | 'twelvelabs-pegasus'
  | 'twelvelabs-marengo'
  | 'titan-image'
  | 'cohere-rerank';

export type Modality = 'TEXT' | 'IMAGE' | 'VIDEO' | 'AUDIO' | 'EMBEDDING';

export interface ModelOperations {
  converse: boolean;
  converseStream: boolean;
  invoke: boolean;
  invokeStream: boolean;
  countTokens: boolean;
}

export interface FoundationModel {
  modelId: string;
  modelName: string;
  providerName: string;
  family: ModelFamily;
  inputModalities: Modality[];
  outputModalities: Modality[];
  responseStreamingSupported: boolean;
  inferenceTypesSupported: Array<'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE'>;
  lifecycleStatus: 'ACTIVE' | 'LEGACY';
  operations: ModelOperations;
  /** Output vector length for embedding models (the default one when several are allowed). */
  embeddingDimensions?: number;
}

/** The ListFoundationModels / GetFoundationModel summary shape for one model in one region. */
export function foundationModelSummary(model: FoundationModel, region: string) {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.modelId}`,
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: model.responseStreamingSupported,
    customizationsSupported: [] as string[],
    inferenceTypesSupported: model.inferenceTypesSupported,
    modelLifecycle: { status: model.lifecycleStatus },
  };
}
