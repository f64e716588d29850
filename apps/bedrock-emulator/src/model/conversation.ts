// The family-neutral shape every request format (Converse, Anthropic messages, Llama prompt, …) is
// parsed into, and the family-neutral outcome the deterministic model produces from it.

export type ConversationBlock =
  | { kind: 'text'; text: string }
  /** Images, documents, video, audio: counted as a fixed number of tokens. */
  | { kind: 'media' }
  | { kind: 'toolUse'; id: string; name: string; input: unknown }
  | { kind: 'toolResult'; toolUseId: string; text: string; status?: string }
  | { kind: 'reasoning'; text: string }
  /** Everything before a cache point is a cacheable prefix. */
  | { kind: 'cachePoint' };

export interface ConversationMessage {
  role: 'user' | 'assistant';
  blocks: ConversationBlock[];
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON schema of the input. */
  schema: unknown;
}

export type ToolChoice =
  { type: 'auto' } | { type: 'any' } | { type: 'none' } | { type: 'tool'; name: string };

export interface Conversation {
  /** Tool definitions, then a cache point if the request puts one after the tools. */
  tools: ToolDefinition[];
  toolsCachePoint: boolean;
  toolChoice: ToolChoice;
  system: ConversationBlock[];
  messages: ConversationMessage[];
  maxTokens?: number;
  stopSequences: string[];
  thinking: boolean;
  /** outputConfig.textFormat json_schema: the reply is JSON matching it. */
  jsonSchema?: unknown;
  /** A guardrail is attached to the request (guardrailConfig / guardrail headers). */
  guardrail: boolean;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened';

export interface ModelUsage {
  /** Prompt tokens that were neither read from nor written to the prompt cache. */
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** Whether the prompt had any cache point (Bedrock only reports cache fields then). */
  cacheUsed: boolean;
}

export interface ModelOutcome {
  reasoning?: { text: string; signature: string };
  text: string;
  toolUses: Array<{ id: string; name: string; input: Record<string, unknown> }>;
  stopReason: StopReason;
  /** The stop sequence that ended the reply, when stopReason is stop_sequence. */
  stopSequence?: string;
  usage: ModelUsage;
}

export function emptyConversation(): Conversation {
  return {
    tools: [],
    toolsCachePoint: false,
    toolChoice: { type: 'auto' },
    system: [],
    messages: [],
    stopSequences: [],
    thinking: false,
    guardrail: false,
  };
}
