// InvokeModel for embedding, image and rerank models: one native handler per family.
import type { FoundationModel, ModelFamily } from '../catalogue/foundation-model';
import { EmulatorError } from '../http/emulator-error';
import type { JsonRecord } from '../service-support/request-body';
import { cohereEmbed } from './embeddings/cohere-embeddings';
import { cohereEmbedV4 } from './embeddings/cohere-embed-v4';
import { novaEmbed } from './embeddings/nova-embeddings';
import { titanEmbedImage, titanEmbedTextV1, titanEmbedTextV2 } from './embeddings/titan-embeddings';
import { stabilityEdit } from './images/stability-edits';
import { stabilitySd3, stabilitySdxl } from './images/stability-images';
import { titanImage } from './images/titan-images';
import type { NativeAnswer } from './native-answer';
import { cohereRerank } from './rerank/cohere-rerank';

/**
 * Marengo Embed 2.7 embeds through StartAsyncInvoke (Bedrock's InvokeModel takes it only for text and
 * image queries through an inference profile, which the emulator does not model): refused here.
 */
function asyncInvokeOnly(_body: JsonRecord, model: FoundationModel): NativeAnswer {
  throw EmulatorError.validation(
    `The provided model ${model.modelId} only supports asynchronous invocation; use StartAsyncInvoke instead of InvokeModel.`,
  );
}

const handlers: Partial<Record<ModelFamily, (body: JsonRecord, model: FoundationModel) => NativeAnswer>> = {
  'titan-embed-text-v1': titanEmbedTextV1,
  'titan-embed-text-v2': titanEmbedTextV2,
  'titan-embed-image': titanEmbedImage,
  'cohere-embed': cohereEmbed,
  'cohere-embed-v4': cohereEmbedV4,
  'nova-embed': novaEmbed,
  'stability-sd3': stabilitySd3,
  'stability-sdxl': stabilitySdxl,
  'stability-edit': stabilityEdit,
  'twelvelabs-marengo': asyncInvokeOnly,
  'titan-image': titanImage,
  'cohere-rerank': cohereRerank,
};

export function answerNonTextModel(model: FoundationModel, body: JsonRecord): NativeAnswer {
  const handler = handlers[model.family];
  if (!handler)
    throw EmulatorError.validation("The provided model doesn't support the InvokeModel operation.");
  return handler(body, model);
}
