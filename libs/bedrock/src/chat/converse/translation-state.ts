// Per-request state the message translators share: identifier registries (so a tool name or call id
// maps the same way everywhere in the request), document names, prefetched images and files, and the switches.
import type { ModelFamily } from '../../model-family';
import { DocumentNamer } from './documents';
import type { PrefetchedInputFiles } from './input-files';
import type { PrefetchedMedia } from './media-urls';
import { BedrockNameRegistry } from './tool-names';

export class TranslationState {
  readonly toolNames = new BedrockNameRegistry('tool');
  readonly toolUseIds = new BedrockNameRegistry('tool_call');
  readonly documents = new DocumentNamer();

  constructor(
    readonly family: ModelFamily,
    readonly cachingSupported: boolean,
    /** LiteLLM `modify_params`: repair conversations Bedrock would refuse instead of answering 400. */
    readonly modifyParams: boolean,
    readonly prefetchedMedia: PrefetchedMedia,
    /** Stored files the conversation names by file_id, looked up before translation. */
    readonly inputFiles: PrefetchedInputFiles = new Map(),
    /** The model takes Converse `document` blocks (capability supportsPdfInput). */
    readonly documentsSupported = true,
  ) {}
}
