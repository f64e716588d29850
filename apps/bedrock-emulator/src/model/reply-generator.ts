// The deterministic "model": the same conversation always gets the same reply, tool calls, reasoning
// and token counts, so tests can assert exact behaviour. Rules are listed in the emulator README.
import { createHash } from 'node:crypto';
import type {
  Conversation,
  ConversationBlock,
  ModelOutcome,
  StopReason,
  ToolDefinition,
} from './conversation';
import { PromptCache } from './prompt-cache';
import { countTextTokens } from './prompt-tokens';
import { reasoningSignature, reasoningText } from './reasoning';
import { promptWords, SchemaValueBuilder } from './schema-value';

/** Text containing this word is blocked when a guardrail is attached to the request. */
export const GUARDRAIL_MARKER = 'QUARRY_BLOCK';
export const GUARDRAIL_BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';
export const REPLY_PREFIX = 'This is a deterministic reply from the Quarry Bedrock emulator. You said:';

export interface GenerateOptions {
  /** Instance-wide prompt cache; without one every cache point counts as a first-time write. */
  promptCache?: PromptCache;
  /** Cache entries are per model. */
  cacheScope: string;
  /** Tool-use id prefix of the wire format: `tooluse_` (Converse), `toolu_bdrk_01` (Anthropic), … */
  toolIdPrefix: string;
}

export function lastUserMessageBlocks(conversation: Conversation): ConversationBlock[] {
  for (let index = conversation.messages.length - 1; index >= 0; index--) {
    if (conversation.messages[index].role === 'user') return conversation.messages[index].blocks;
  }
  return [];
}

export function textOf(blocks: ConversationBlock[]): string {
  return blocks
    .filter((block): block is Extract<ConversationBlock, { kind: 'text' }> => block.kind === 'text')
    .map((block) => block.text)
    .join(' ');
}

export function conversationMentionsMarker(conversation: Conversation): boolean {
  const blocks = [...conversation.system, ...conversation.messages.flatMap((message) => message.blocks)];
  return blocks.some(
    (block) =>
      (block.kind === 'text' || block.kind === 'toolResult') && block.text.includes(GUARDRAIL_MARKER),
  );
}

export function generateOutcome(conversation: Conversation, options: GenerateOptions): ModelOutcome {
  const cache = options.promptCache ?? new PromptCache();
  const { cacheUsed, ...promptTokens } = cache.split(options.cacheScope, conversation);
  const lastUserBlocks = lastUserMessageBlocks(conversation);
  const lastUserText = textOf(lastUserBlocks);

  if (conversation.guardrail && conversationMentionsMarker(conversation)) {
    return {
      text: GUARDRAIL_BLOCKED_MESSAGE,
      toolUses: [],
      stopReason: 'guardrail_intervened',
      usage: { ...promptTokens, outputTokens: 0, cacheUsed },
    };
  }

  const toolResults = lastUserBlocks.filter((block) => block.kind === 'toolResult');
  const calledTools = toolResults.length > 0 ? [] : chooseTools(conversation, lastUserText);
  const builder = new SchemaValueBuilder(promptWords(lastUserText), lastUserText);
  let toolUses = calledTools.map((tool, index) => ({
    id: toolUseId(options.toolIdPrefix, lastUserText, tool.name, index, conversation.messages.length),
    name: tool.name,
    input: asObject(builder.build(tool.schema)),
  }));

  let text = replyText(conversation, lastUserText, calledTools, toolResults);
  let stopReason: StopReason = toolUses.length > 0 ? 'tool_use' : 'end_turn';
  let stopSequence: string | undefined;

  const stop = earliestStopSequence(text, conversation.stopSequences);
  if (stop) {
    text = text.slice(0, stop.index);
    stopSequence = stop.sequence;
    stopReason = 'stop_sequence';
    toolUses = [];
  }

  let thinking = conversation.thinking ? reasoningText(lastUserText) : undefined;
  if (conversation.maxTokens !== undefined) {
    let budget = conversation.maxTokens;
    if (thinking !== undefined && countTextTokens(thinking) > budget) {
      thinking = thinking.slice(0, budget * 4);
      text = '';
      toolUses = [];
      stopReason = 'max_tokens';
    }
    budget -= thinking !== undefined ? countTextTokens(thinking) : 0;
    if (countTextTokens(text) > budget) {
      text = text.slice(0, Math.max(0, budget) * 4);
      toolUses = [];
      stopReason = 'max_tokens';
    }
    budget -= countTextTokens(text);
    if (toolUses.length > 0 && toolUses.reduce((sum, toolUse) => sum + toolUseTokens(toolUse), 0) > budget) {
      toolUses = [];
      stopReason = 'max_tokens';
    }
  }
  if (stopReason !== 'stop_sequence') stopSequence = undefined;

  const outputTokens =
    (thinking !== undefined ? countTextTokens(thinking) : 0) +
    countTextTokens(text) +
    toolUses.reduce((sum, toolUse) => sum + toolUseTokens(toolUse), 0);
  return {
    reasoning:
      thinking !== undefined ? { text: thinking, signature: reasoningSignature(thinking) } : undefined,
    text,
    toolUses,
    stopReason,
    stopSequence,
    usage: { ...promptTokens, outputTokens: Math.max(1, outputTokens), cacheUsed },
  };
}

function chooseTools(conversation: Conversation, lastUserText: string): ToolDefinition[] {
  const { tools, toolChoice } = conversation;
  if (tools.length === 0 || toolChoice.type === 'none') return [];
  if (toolChoice.type === 'tool') return tools.filter((tool) => tool.name === toolChoice.name).slice(0, 1);
  const lowered = lastUserText.toLowerCase();
  const mentioned = tools.filter((tool) => lowered.includes(tool.name.toLowerCase()));
  if (toolChoice.type === 'any' && mentioned.length === 0) return [tools[0]];
  return mentioned;
}

function replyText(
  conversation: Conversation,
  lastUserText: string,
  calledTools: ToolDefinition[],
  toolResults: ConversationBlock[],
): string {
  if (calledTools.length > 0) {
    // Claude-like: a short preamble before tool calls it chose itself, none when the call was forced.
    return conversation.toolChoice.type === 'auto'
      ? `I will call ${calledTools.map((tool) => tool.name).join(' and ')} to answer that.`
      : '';
  }
  if (toolResults.length > 0) {
    const names = toolNamesById(conversation);
    const summaries = toolResults.map((block) =>
      block.kind === 'toolResult'
        ? `${names.get(block.toolUseId) ?? block.toolUseId} returned ${block.text}`
        : '',
    );
    return `Here is what the tools returned: ${summaries.join('; ')}. That completes the answer.`;
  }
  if (conversation.jsonSchema !== undefined) {
    return JSON.stringify(
      new SchemaValueBuilder(promptWords(lastUserText), lastUserText).build(conversation.jsonSchema),
    );
  }
  return `${REPLY_PREFIX} ${lastUserText.trim() || '(no text)'}`;
}

function toolNamesById(conversation: Conversation): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of conversation.messages) {
    for (const block of message.blocks) if (block.kind === 'toolUse') names.set(block.id, block.name);
  }
  return names;
}

function earliestStopSequence(
  text: string,
  sequences: string[],
): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (!best || index < best.index)) best = { index, sequence };
  }
  return best;
}

function toolUseId(prefix: string, text: string, name: string, index: number, turn: number): string {
  const digest = createHash('sha256').update(`${text}|${name}|${index}|${turn}`).digest('base64url');
  return prefix + digest.slice(0, 22);
}

function toolUseTokens(toolUse: { name: string; input: unknown }): number {
  return countTextTokens(toolUse.name + JSON.stringify(toolUse.input));
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
}
