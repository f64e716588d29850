// The media parts of user and tool messages (`image_url`, `file`) → their Converse block, held to the
// model's capabilities: a document for a model without document chat is a 400 naming the part, before
// any Bedrock call.
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { FileContentPart } from '@quarry/openai';
import { fileContentBlock } from './documents';
import { mediaBlockFromUrl, type MediaBlock } from './media-urls';
import type { TranslationState } from './translation-state';

export function imageUrlPartBlock(url: string, partPath: string, state: TranslationState): MediaBlock {
  const block = mediaBlockFromUrl(url, `${partPath}.image_url.url`, state.prefetchedMedia, state.documents);
  return supportedMedia(block, partPath, state);
}

export function filePartBlock(
  file: FileContentPart['file'],
  partPath: string,
  state: TranslationState,
): ContentBlock {
  return supportedMedia(fileContentBlock(file, partPath, state.documents, state.inputFiles), partPath, state);
}

function supportedMedia<Block extends object>(
  block: Block,
  partPath: string,
  state: TranslationState,
): Block {
  if ('document' in block && block.document && !state.documentsSupported)
    throw OpenAIError.badRequest(
      `${partPath} is a document, and this model does not take documents (supports_pdf_input); ` +
        'send its text instead, or set model_info.supports_pdf_input if the model does take them',
      partPath,
      'unsupported_content',
    );
  return block;
}
