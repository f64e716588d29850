// The Converse request while it is being assembled: each translation step (tools, response format,
// reasoning, provider params) reads and amends it, then converse-request.ts emits the SDK input.
import type {
  ConverseCommandInput,
  InferenceConfiguration,
  Message,
  OutputConfig,
  SystemContentBlock,
  Tool,
  ToolChoice,
} from '@aws-sdk/client-bedrock-runtime';
import type { ModelCapabilities } from '../../capabilities/model-capabilities';
import type { TranslationContext } from './translation-context';
import type { TranslationState } from './translation-state';

export interface ConverseDraft {
  capabilities: ModelCapabilities;
  state: TranslationState;
  system: SystemContentBlock[];
  messages: Message[];
  containsToolBlocks: boolean;
  inferenceConfig: InferenceConfiguration;
  /** toolSpec and cachePoint entries, in order. */
  tools: Tool[];
  toolChoice: ToolChoice | undefined;
  /** Becomes `additionalModelRequestFields` when not empty. */
  additionalFields: Record<string, unknown>;
  outputConfig: OutputConfig | undefined;
  jsonMode: TranslationContext['jsonMode'];
  /** Bedrock top-level members taken from provider-specific params (guardrailConfig, serviceTier, …). */
  topLevel: Record<string, unknown>;
}

/** The SDK's JSON document type (tool input, schemas, additionalModelRequestFields), without importing @smithy/types. */
export type JsonDocument = NonNullable<ConverseCommandInput['additionalModelRequestFields']>;
