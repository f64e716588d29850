// OpenAI content (a string or a list of parts) → Converse content blocks, per role.
// Blank text is refused by Bedrock ("The text field … is blank"), so it is a 400 here that names the
// field, or dropped under modify_params.
import type {
  ContentBlock,
  SystemContentBlock,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { CacheControl, SystemMessage, ToolMessage, UserMessage } from '@quarry/openai';
import { cachePointFor } from './cache-points';
import { filePartBlock, imageUrlPartBlock } from './media-parts';
import type { TranslationState } from './translation-state';

const BLANK = /^\s*$/;

export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

/** Throws for blank text unless modify_params lets us drop it; returns whether to keep the text. */
export function keepText(text: string, param: string, state: TranslationState): boolean {
  if (!isBlank(text)) return true;
  if (state.modifyParams) return false;
  throw OpenAIError.badRequest(
    `${param} is empty; Bedrock refuses blank text (enable modify_params to drop it)`,
    param,
  );
}

export function userContentBlocks(
  message: UserMessage,
  path: string,
  state: TranslationState,
): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  const content = message.content;
  if (typeof content === 'string') {
    if (keepText(content, `${path}.content`, state)) blocks.push({ text: content });
  } else {
    for (let index = 0; index < content.length; index++) {
      const part = content[index];
      const partPath = `${path}.content[${index}]`;
      switch (part.type) {
        case 'text':
          if (keepText(part.text, `${partPath}.text`, state)) blocks.push({ text: part.text });
          break;
        case 'image_url':
          blocks.push(imageUrlPartBlock(part.image_url.url, partPath, state));
          break;
        case 'file':
          blocks.push(filePartBlock(part.file, partPath, state));
          break;
        case 'guarded_text':
          if (keepText(part.text, `${partPath}.text`, state))
            blocks.push({ guardContent: { text: { text: part.text } } });
          break;
        case 'input_audio':
          throw OpenAIError.badRequest(
            `${partPath}: input_audio is not supported by Bedrock chat models`,
            `${partPath}.type`,
          );
        default:
          return assertNever(part, partPath);
      }
      const cachePoint = cachePointFor(part.cache_control, state.cachingSupported);
      if (cachePoint && blocks.length > 0) blocks.push(cachePoint);
    }
  }
  const cachePoint = cachePointFor(message.cache_control, state.cachingSupported);
  if (cachePoint && blocks.length > 0) blocks.push(cachePoint);
  return blocks;
}

export function systemContentBlocks(
  message: SystemMessage,
  path: string,
  state: TranslationState,
): SystemContentBlock[] {
  const blocks: SystemContentBlock[] = [];
  const content = message.content;
  if (typeof content === 'string') {
    if (keepText(content, `${path}.content`, state)) blocks.push({ text: content });
  } else {
    for (let index = 0; index < content.length; index++) {
      const part = content[index];
      const partPath = `${path}.content[${index}]`;
      switch (part.type) {
        case 'text':
          if (keepText(part.text, `${partPath}.text`, state)) blocks.push({ text: part.text });
          break;
        case 'guarded_text':
          if (keepText(part.text, `${partPath}.text`, state))
            blocks.push({ guardContent: { text: { text: part.text } } });
          break;
        default:
          return assertNever(part, partPath);
      }
      const cachePoint = cachePointFor(part.cache_control, state.cachingSupported);
      if (cachePoint && blocks.length > 0) blocks.push(cachePoint);
    }
  }
  const cachePoint = cachePointFor(message.cache_control, state.cachingSupported);
  if (cachePoint && blocks.length > 0) blocks.push(cachePoint);
  return blocks;
}

/**
 * Tool output → toolResult content. Strings stay text (also JSON-looking ones: models read them fine and
 * re-parsing would change numbers and key order). An empty result is legitimate tool output the client
 * cannot "fix", so it becomes a neutral placeholder instead of a 400.
 */
export function toolResultContent(
  message: ToolMessage,
  path: string,
  state: TranslationState,
): ToolResultContentBlock[] {
  const content = message.content;
  const blocks: ToolResultContentBlock[] = [];
  if (typeof content === 'string') {
    if (!isBlank(content)) blocks.push({ text: content });
  } else {
    for (let index = 0; index < content.length; index++) {
      const part = content[index];
      const partPath = `${path}.content[${index}]`;
      switch (part.type) {
        case 'text':
          if (!isBlank(part.text)) blocks.push({ text: part.text });
          break;
        case 'image_url':
          blocks.push(imageUrlPartBlock(part.image_url.url, partPath, state));
          break;
        case 'file': {
          const block = filePartBlock(part.file, partPath, state);
          blocks.push(block.image ? { image: block.image } : { document: block.document! });
          break;
        }
        default:
          return assertNever(part, partPath);
      }
    }
  }
  if (blocks.length === 0) blocks.push({ text: EMPTY_TOOL_RESULT });
  return blocks;
}

export const EMPTY_TOOL_RESULT = '(no output)';

/**
 * The cache hint of a tool message or of one of its parts: a cache point cannot sit inside a toolResult,
 * so any of them puts one right after the whole result.
 */
export function toolMessageCacheControl(message: ToolMessage): CacheControl | undefined {
  if (message.cache_control) return message.cache_control;
  if (typeof message.content === 'string') return undefined;
  for (const part of message.content) if (part.cache_control) return part.cache_control;
  return undefined;
}

function assertNever(part: never, path: string): never {
  throw OpenAIError.badRequest(
    `${path}.type '${(part as { type: string }).type}' is not supported here`,
    `${path}.type`,
  );
}
