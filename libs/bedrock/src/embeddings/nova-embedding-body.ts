// One input → the body of a synchronous Nova Multimodal Embeddings call (SINGLE_EMBEDDING): a text, or
// an image given as a data URL. `input_type` names the embedding purpose (GENERIC_INDEX by default) and
// `truncate` the truncation mode (END by default: a long text loses its end rather than failing).
import { OpenAIError, type EmbeddingsRequest } from '@quarry/openai';
import { decodeDataUrl, isDataUrl } from '../chat/converse/data-urls';
import { NOVA_EMBEDDING_PURPOSES } from './embedding-models';

const IMAGE_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const TRUNCATION: Record<string, string> = {
  NONE: 'NONE',
  START: 'START',
  END: 'END',
  LEFT: 'START',
  RIGHT: 'END',
};

export function novaEmbeddingCall(
  input: string,
  index: number,
  request: EmbeddingsRequest,
  dimensions: number | undefined,
): Record<string, unknown> {
  return {
    taskType: 'SINGLE_EMBEDDING',
    singleEmbeddingParams: {
      embeddingPurpose: purposeOf(request.input_type),
      ...(dimensions ? { embeddingDimension: dimensions } : {}),
      ...(isDataUrl(input)
        ? { image: imageOf(input, `input[${index}]`) }
        : { text: { truncationMode: TRUNCATION[request.truncate ?? 'END'], value: input } }),
    },
  };
}

function purposeOf(inputType: string | undefined): string {
  if (inputType === undefined) return 'GENERIC_INDEX';
  const purpose = inputType.toUpperCase();
  if ((NOVA_EMBEDDING_PURPOSES as readonly string[]).includes(purpose)) return purpose;
  throw OpenAIError.badRequest(
    `input_type "${inputType}" is not a Nova embedding purpose; use one of ${NOVA_EMBEDDING_PURPOSES.join(', ')}`,
    'input_type',
  );
}

function imageOf(dataUrl: string, param: string): Record<string, unknown> {
  const decoded = decodeDataUrl(dataUrl, param);
  const format = IMAGE_FORMATS[decoded.mimeType];
  if (!format)
    throw OpenAIError.badRequest(
      `${param} must be a png, jpeg, gif or webp image data URL, got type '${decoded.mimeType}'`,
      param,
    );
  return { format, source: { bytes: Buffer.from(decoded.bytes).toString('base64') } };
}
