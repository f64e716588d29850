// OpenAI's chat completion response and stream chunk, as the official SDKs parse them, plus the
// fields LiteLLM added for reasoning models (`reasoning_content`, `thinking_blocks`) and prompt
// caching (`cache_creation_input_tokens`, `cache_read_input_tokens`), so clients written against
// LiteLLM keep working.

// `thinking_blocks` use the same shape the request side accepts back: a client continuing a
// conversation with thinking enabled must return these unchanged (the signature proves their origin).
import type { ThinkingBlock } from './chat-request';

export type ChatCompletionFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface CompletionUsage {
  /** Every prompt token, including those read from and written to the prompt cache. */
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
  /** LiteLLM's name for prompt tokens written to the cache (part of prompt_tokens). */
  cache_creation_input_tokens?: number;
  /** LiteLLM's name for prompt tokens read from the cache (part of prompt_tokens). */
  cache_read_input_tokens?: number;
  /** The call's cost in USD, when the deployment's price is known (LiteLLM users read it here). */
  cost?: number;
}

export interface ChatCompletionMessageToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionMessage {
  role: 'assistant';
  /** Null only when the model answered with tool calls and no text. */
  content: string | null;
  refusal: null;
  tool_calls?: ChatCompletionMessageToolCall[];
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  finish_reason: ChatCompletionFinishReason;
  logprobs: null;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage: CompletionUsage;
  system_fingerprint: null;
  /** Bedrock's guardrail trace (`trace.guardrail`) when guardrailConfig.trace is enabled, as LiteLLM returns it. */
  trace?: { guardrail: Record<string, unknown> };
}

/** One tool call fragment: the first for a call carries id, type and name; later ones argument text. */
export interface ChatCompletionChunkToolCall {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface ChatCompletionChunkDelta {
  role?: 'assistant';
  content?: string | null;
  tool_calls?: ChatCompletionChunkToolCall[];
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: ChatCompletionChunkDelta;
  finish_reason: ChatCompletionFinishReason | null;
  logprobs: null;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint: null;
  /** Empty in the final usage chunk, as OpenAI sends it. */
  choices: ChatCompletionChunkChoice[];
  /** Present (null until the last chunk) only when the client asked for `stream_options.include_usage`. */
  usage?: CompletionUsage | null;
  /**
   * On the finish chunk, when guardrailConfig.trace is enabled: the same field as a completion's
   * (`guardrail`); on an agent's chunks when the client set enableTrace (`agent`).
   */
  trace?: { guardrail?: Record<string, unknown>; agent?: unknown[] };
  /** LiteLLM's place for the streamed trace (`provider_specific_fields.trace`), for its users' code. */
  provider_specific_fields?: { trace: { guardrail: Record<string, unknown> } };
}
