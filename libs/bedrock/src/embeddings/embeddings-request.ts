// An OpenAI embeddings request → the InvokeModel bodies that answer it, in order. Titan and Nova: one
// body per input. Cohere v3/v4: one body per 96 inputs (`texts`, or `images` when the inputs are image
// data URLs), `input_type` defaulting to `search_document` as LiteLLM sends it. `dimensions` goes where the model
// lets the caller choose; elsewhere it is a 400 (or dropped under drop_params), like any unsupported
// parameter.
import { OpenAIError, type EmbeddingsRequest } from '@quarry/openai';
import { decodeDataUrl, isDataUrl } from '../chat/converse/data-urls';
import {
  CHOOSABLE_DIMENSIONS,
  COHERE_MAX_TEXTS,
  embeddingBodyKindOf,
  takesCohereSettings,
  type EmbeddingBodyKind,
} from './embedding-models';
import { novaEmbeddingCall } from './nova-embedding-body';

export interface EmbeddingCall {
  body: Record<string, unknown>;
  /** How many of the request's inputs this call embeds (in order). */
  inputCount: number;
}

export interface EmbeddingPlan {
  kind: EmbeddingBodyKind;
  calls: EmbeddingCall[];
}

export interface EmbeddingRequestOptions {
  /** Base model id (capabilities key), which decides the body. */
  baseModelId: string;
  dropParams: boolean;
}

export function toEmbeddingPlan(request: EmbeddingsRequest, options: EmbeddingRequestOptions): EmbeddingPlan {
  const kind = embeddingBodyKindOf(options.baseModelId);
  if (!kind) {
    throw OpenAIError.badRequest(
      `Model "${request.model}" is not an embedding model Quarry can call on Bedrock`,
      'model',
      'unsupported_model',
    );
  }
  const dimensions = chosenDimensions(request, kind, options.dropParams);
  rejectForeignSettings(request, kind, options.dropParams);
  switch (kind) {
    case 'titan-text-v1':
      return { kind, calls: request.input.map((text) => ({ body: { inputText: text }, inputCount: 1 })) };
    case 'titan-text-v2':
      return {
        kind,
        calls: request.input.map((text) => ({
          body: {
            inputText: text,
            ...(dimensions ? { dimensions } : {}),
            ...(request.normalize !== undefined ? { normalize: request.normalize } : {}),
          },
          inputCount: 1,
        })),
      };
    case 'titan-image':
      return {
        kind,
        calls: request.input.map((input, index) => ({
          body: {
            ...(isDataUrl(input)
              ? { inputImage: imageBase64(input, `input[${index}]`) }
              : { inputText: input }),
            ...(dimensions ? { embeddingConfig: { outputEmbeddingLength: dimensions } } : {}),
          },
          inputCount: 1,
        })),
      };
    case 'cohere-v3':
      return { kind, calls: cohereCalls(request, 'v3') };
    case 'cohere-v4':
      return {
        kind,
        calls: cohereCalls(request, 'v4').map((call) => ({
          ...call,
          body: { ...call.body, ...(dimensions ? { output_dimension: dimensions } : {}) },
        })),
      };
    case 'nova-multimodal':
      return {
        kind,
        calls: request.input.map((input, index) => ({
          body: novaEmbeddingCall(input, index, request, dimensions),
          inputCount: 1,
        })),
      };
    default: {
      const unknown: never = kind;
      throw new Error(`unhandled embedding body ${String(unknown)}`);
    }
  }
}

function chosenDimensions(
  request: EmbeddingsRequest,
  kind: EmbeddingBodyKind,
  dropParams: boolean,
): number | undefined {
  if (request.dimensions === undefined || request.dimensions === null) return undefined;
  const allowed = CHOOSABLE_DIMENSIONS[kind];
  if (allowed?.includes(request.dimensions)) return request.dimensions;
  if (!allowed && dropParams) return undefined;
  throw OpenAIError.badRequest(
    allowed
      ? `dimensions ${request.dimensions} is not available for this model; choose one of ${allowed.join(', ')}`
      : 'dimensions is not supported by this model (its vectors have a fixed length); set drop_params to drop it',
    'dimensions',
  );
}

/** Cohere's own settings mean nothing to Titan: refused there unless drop_params. */
function rejectForeignSettings(
  request: EmbeddingsRequest,
  kind: EmbeddingBodyKind,
  dropParams: boolean,
): void {
  if (takesCohereSettings(kind) || dropParams) return;
  // Nova takes both too (as its embedding purpose and truncation mode).
  const foreign = kind === 'nova-multimodal' ? [] : (['input_type', 'truncate'] as const);
  for (const param of foreign) {
    if (request[param] !== undefined && request[param] !== null) {
      throw OpenAIError.badRequest(
        `${param} is a Cohere setting this model does not take; set drop_params to drop it`,
        param,
      );
    }
  }
  if (kind !== 'titan-text-v2' && request.normalize !== undefined && request.normalize !== null) {
    throw OpenAIError.badRequest(
      'normalize is not supported by this model; set drop_params to drop it',
      'normalize',
    );
  }
}

/** v3 says START/END, v4 LEFT/RIGHT for the same thing; either spelling is accepted for both. */
const COHERE_TRUNCATE: Record<'v3' | 'v4', Record<string, string>> = {
  v3: { NONE: 'NONE', START: 'START', END: 'END', LEFT: 'START', RIGHT: 'END' },
  v4: { NONE: 'NONE', START: 'LEFT', END: 'RIGHT', LEFT: 'LEFT', RIGHT: 'RIGHT' },
};

function cohereCalls(request: EmbeddingsRequest, version: 'v3' | 'v4'): EmbeddingCall[] {
  const images = request.input.every((input) => isDataUrl(input));
  if (!images && request.input.some((input) => isDataUrl(input))) {
    throw OpenAIError.badRequest('input mixes images and texts; Cohere embeds one kind per request', 'input');
  }
  const calls: EmbeddingCall[] = [];
  for (let start = 0; start < request.input.length; start += COHERE_MAX_TEXTS) {
    const chunk = request.input.slice(start, start + COHERE_MAX_TEXTS);
    calls.push({
      body: {
        ...(images ? { images: chunk } : { texts: chunk }),
        // v3 marks image calls with input_type "image"; v4 takes images under any input type.
        input_type: images && version === 'v3' ? 'image' : (request.input_type ?? 'search_document'),
        ...(request.truncate ? { truncate: COHERE_TRUNCATE[version][request.truncate] } : {}),
      },
      inputCount: chunk.length,
    });
  }
  return calls;
}

function imageBase64(dataUrl: string, param: string): string {
  const decoded = decodeDataUrl(dataUrl, param);
  if (!decoded.mimeType.startsWith('image/'))
    throw OpenAIError.badRequest(`${param} must be an image data URL, got type '${decoded.mimeType}'`, param);
  return Buffer.from(decoded.bytes).toString('base64');
}
