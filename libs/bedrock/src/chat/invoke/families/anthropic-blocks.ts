// Converse content blocks → Anthropic Messages content blocks (bytes as base64 sources), and Converse
// cache points → `cache_control` on the block before them.
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { JsonObject } from '../invoke-family';

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};
const DOCUMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/plain',
  html: 'text/plain',
  csv: 'text/plain',
};

export function withCacheControl(blocks: JsonObject[]): void {
  const last = blocks[blocks.length - 1];
  if (last) last.cache_control = { type: 'ephemeral' };
}

function base64(bytes: Uint8Array | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('base64');
}

export function anthropicBlock(block: ContentBlock): JsonObject | undefined {
  if (block.text !== undefined) return { type: 'text', text: block.text };
  if (block.image)
    return {
      type: 'image',
      source: {
        type: 'base64',
        media_type: IMAGE_TYPES[block.image.format ?? 'png'] ?? 'image/png',
        data: base64(block.image.source?.bytes),
      },
    };
  if (block.document) {
    const mediaType = DOCUMENT_TYPES[block.document.format ?? 'pdf'] ?? 'application/pdf';
    const source =
      mediaType === 'application/pdf'
        ? { type: 'base64', media_type: mediaType, data: base64(block.document.source?.bytes) }
        : {
            type: 'text',
            media_type: mediaType,
            data: Buffer.from(block.document.source?.bytes ?? new Uint8Array()).toString('utf8'),
          };
    return { type: 'document', source, ...(block.document.name ? { title: block.document.name } : {}) };
  }
  if (block.toolUse)
    return {
      type: 'tool_use',
      id: block.toolUse.toolUseId,
      name: block.toolUse.name,
      input: block.toolUse.input ?? {},
    };
  if (block.toolResult) {
    const content = (block.toolResult.content ?? []).map((part) =>
      part.image
        ? anthropicBlock({ image: part.image })
        : { type: 'text', text: part.text !== undefined ? part.text : JSON.stringify(part.json ?? '') },
    );
    return {
      type: 'tool_result',
      tool_use_id: block.toolResult.toolUseId,
      content,
      ...(block.toolResult.status === 'error' ? { is_error: true } : {}),
    };
  }
  if (block.reasoningContent?.reasoningText)
    return {
      type: 'thinking',
      thinking: block.reasoningContent.reasoningText.text ?? '',
      signature: block.reasoningContent.reasoningText.signature ?? '',
    };
  if (block.reasoningContent?.redactedContent)
    return { type: 'redacted_thinking', data: base64(block.reasoningContent.redactedContent) };
  return undefined;
}
