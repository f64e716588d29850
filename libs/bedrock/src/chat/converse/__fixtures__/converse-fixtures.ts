// Converse / ConverseStream outputs in the shapes the SDK yields, shared by the response and stream
// specs. Hand-written, not recorded from AWS: transcribed from the wire examples of bedrock-wire.md
// §2.1 (the response body, from the SDK's operation schemas) and §2.2 (the event sequence the emulator
// encoded and a real SDK client parsed). converse-wire.spec.ts checks that the SDK's own deserializer
// turns those wire bodies, framed with the SDK's event-stream codec, into exactly these objects.
import type { ConverseCommandOutput, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ModelCapabilities } from '../../../capabilities/model-capabilities';
import type { TranslationContext } from '../translation-context';

const claudeCapabilities: ModelCapabilities = {
  family: 'anthropic',
  mode: 'chat',
  supportsConverse: true,
  supportsTools: true,
  supportsToolChoice: true,
  supportsVision: true,
  supportsPdfInput: true,
  supportsReasoning: true,
  supportsResponseSchema: false,
  supportsPromptCaching: true,
};

export function contextWith(overrides: Partial<TranslationContext> = {}): TranslationContext {
  return { toolNames: new Map(), jsonMode: { kind: 'none' }, capabilities: claudeCapabilities, ...overrides };
}

export const meta = { id: 'chatcmpl-test', created: 1_763_000_000, model: 'claude-sonnet' };

/** After §2.1: reasoning with a signature, text, and a tool call. */
export const converseWithReasoningTextAndTool: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: {
    message: {
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'The user wants weather.', signature: 'sig-abc' } } },
        { text: 'It looks like a PNG header.' },
        { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather', input: { city: 'Paris' } } },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: {
    inputTokens: 12,
    outputTokens: 5,
    totalTokens: 17,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
  },
  metrics: { latencyMs: 42 },
};

export function converseText(text: string, stopReason: string): ConverseCommandOutput {
  return {
    $metadata: { httpStatusCode: 200 },
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: stopReason as ConverseCommandOutput['stopReason'],
    usage: { inputTokens: 4, outputTokens: 3, totalTokens: 7 },
    metrics: { latencyMs: 10 },
  };
}

/** After §2.2: the event sequence of the table there (its padding fields dropped, as the SDK drops them). */
export const streamWithReasoningTextAndTool: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'thinking...' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: ' done' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig123' } } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hello' } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: ', checking.' } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  {
    contentBlockStart: {
      contentBlockIndex: 2,
      start: { toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather' } },
    },
  },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } } },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } } },
  { contentBlockStop: { contentBlockIndex: 2 } },
  { messageStop: { stopReason: 'tool_use', additionalModelResponseFields: {} } },
  {
    metadata: {
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
      metrics: { latencyMs: 123 },
    },
  },
];

export function textStream(texts: string[], stopReason = 'end_turn'): ConverseStreamOutput[] {
  return [
    { messageStart: { role: 'assistant' } },
    ...texts.map((text) => ({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } })),
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: stopReason as 'end_turn' } },
    {
      metadata: {
        usage: { inputTokens: 5, outputTokens: texts.length, totalTokens: 5 + texts.length },
        metrics: { latencyMs: 1 },
      },
    },
  ];
}
