// OpenAI `POST /v1/chat/completions` request body, as OpenAI's API reference defines it, plus the
// extras LiteLLM clients send (cache_control, guarded_text parts, thinking blocks, drop_params, …).
// These are the shapes AFTER parseChatCompletionRequest has checked them: code that receives a
// ChatCompletionRequest may rely on every documented field having the documented type.

/** Anthropic-style prompt-caching hint (LiteLLM extension) on a message, a content part or a tool. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface TextContentPart {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

export interface ImageUrlContentPart {
  type: 'image_url';
  /** Clients may also send the URL string alone (LiteLLM's form); the parser turns it into `{url}`. */
  image_url: {
    /** `data:image/png;base64,…` (or a document type such as application/pdf) or an https URL. */
    url: string;
    detail?: 'auto' | 'low' | 'high';
    /** LiteLLM: explicit mime type when the URL does not reveal it. */
    format?: string;
  };
  cache_control?: CacheControl;
}

export interface FileContentPart {
  type: 'file';
  file: {
    /** A data URL (`data:application/pdf;base64,…`) or bare base64 (then `filename` or `format` gives the type). */
    file_data?: string;
    file_id?: string;
    filename?: string;
    /** LiteLLM: explicit mime type. */
    format?: string;
  };
  cache_control?: CacheControl;
}

export interface InputAudioContentPart {
  type: 'input_audio';
  input_audio: { data: string; format: string };
}

/** LiteLLM extension: text a Bedrock guardrail should evaluate (Converse `guardContent`). */
export interface GuardedTextContentPart {
  type: 'guarded_text';
  text: string;
  cache_control?: CacheControl;
}

/** Assistant messages may carry refusals as content parts. */
export interface RefusalContentPart {
  type: 'refusal';
  refusal: string;
}

export type UserContentPart =
  TextContentPart | ImageUrlContentPart | FileContentPart | InputAudioContentPart | GuardedTextContentPart;

export type SystemContentPart = TextContentPart | GuardedTextContentPart;
export type AssistantContentPart = TextContentPart | RefusalContentPart;
/** Tool results may be text or, as LiteLLM allows, images and files. */
export type ToolContentPart = TextContentPart | ImageUrlContentPart | FileContentPart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; /** JSON text of the arguments. */ arguments: string };
  /** LiteLLM's extension: a cache point right after this call's toolUse block. */
  cache_control?: CacheControl;
}

/** Anthropic extended-thinking blocks, echoed back by clients for multi-turn tool use (LiteLLM shape). */
export type ThinkingBlock =
  { type: 'thinking'; thinking: string; signature?: string } | { type: 'redacted_thinking'; data: string };

export interface SystemMessage {
  role: 'system' | 'developer';
  content: string | SystemContentPart[];
  name?: string;
  cache_control?: CacheControl;
}

export interface UserMessage {
  role: 'user';
  content: string | UserContentPart[];
  name?: string;
  cache_control?: CacheControl;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string | AssistantContentPart[] | null;
  refusal?: string | null;
  name?: string;
  tool_calls?: ToolCall[] | null;
  reasoning_content?: string | null;
  thinking_blocks?: ThinkingBlock[] | null;
  cache_control?: CacheControl;
}

export interface ToolMessage {
  role: 'tool';
  content: string | ToolContentPart[];
  tool_call_id: string;
  cache_control?: CacheControl;
}

/** Deprecated OpenAI role; accepted by the parser so the translation can refuse it with a clear message. */
export interface FunctionMessage {
  role: 'function';
  name: string;
  content: string | null;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage | FunctionMessage;
export type ChatRole = ChatMessage['role'];

export interface FunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    /** JSON Schema of the arguments object. */
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
  cache_control?: CacheControl;
}

/** `any` is Bedrock's and Anthropic's word for `required`; LiteLLM accepts it too. */
export type ToolChoice =
  'none' | 'auto' | 'required' | 'any' | { type: 'function'; function: { name: string } };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        /** OpenAI requires it; LiteLLM clients sometimes omit it, so it is optional here. */
        name?: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** Anthropic-style thinking switch (LiteLLM passes it through). */
export type ThinkingConfig =
  { type: 'enabled'; budget_tokens: number } | { type: 'disabled' } | { type: 'adaptive' };

export interface StreamOptions {
  include_usage?: boolean;
  include_obfuscation?: boolean;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  stream?: boolean | null;
  stream_options?: StreamOptions | null;
  tools?: FunctionTool[] | null;
  tool_choice?: ToolChoice | null;
  parallel_tool_calls?: boolean | null;
  response_format?: ResponseFormat | null;
  reasoning_effort?: ReasoningEffort | null;
  thinking?: ThinkingConfig | null;
  user?: string | null;
  seed?: number | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  /** OpenAI metadata (string map) or LiteLLM metadata (any object); never sent to Bedrock. */
  metadata?: Record<string, unknown> | null;
  // LiteLLM request extras: consumed by the gateway, never forwarded.
  drop_params?: boolean | null;
  modify_params?: boolean | null;
  num_retries?: number | null;
  timeout?: number | string | null;
  tags?: string[] | null;
  fallbacks?: unknown[] | null;
  user_continue_message?: { role?: string; content: string } | string | null;
  /**
   * Anything else is kept as sent: OpenAI fields this type does not spell out (store, service_tier,
   * audio, prediction, …) and provider-specific parameters (top_k, guardrailConfig, …) that the
   * translation forwards or refuses.
   */
  [key: string]: unknown;
}

/** Top-level keys whose shape parseChatCompletionRequest checks (everything else is passed on unchecked). */
export const CHECKED_CHAT_REQUEST_KEYS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'thinking',
  'user',
  'seed',
  'logprobs',
  'top_logprobs',
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'metadata',
  'drop_params',
  'modify_params',
  'num_retries',
  'timeout',
  'tags',
  'fallbacks',
  'user_continue_message',
]);
