// The intermediate shape between OpenAI messages and Converse messages: consecutive same-role messages
// are merged into one turn, tool results are kept apart so they can open the user turn (Anthropic wants
// toolResult blocks before any other content) and be checked against the previous turn's toolUses.
import type {
  CachePointBlock,
  ContentBlock,
  Message,
  ToolResultBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { ToolUseReference } from './assistant-turn';

export interface ToolResultEntry {
  /** The tool_call_id the client sent. */
  clientId: string;
  messageIndex: number;
  result: ToolResultBlock;
  cachePoint?: CachePointBlock;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  /** Index of the first OpenAI message merged into this turn, for errors. */
  firstMessageIndex: number;
  toolResults: ToolResultEntry[];
  content: ContentBlock[];
  toolUses: ToolUseReference[];
}

export function toConverseMessage(turn: ConversationTurn): Message {
  if (turn.toolResults.length === 0) return { role: turn.role, content: turn.content };
  const content: ContentBlock[] = [];
  for (const entry of turn.toolResults) {
    content.push({ toolResult: entry.result });
    if (entry.cachePoint) content.push({ cachePoint: entry.cachePoint });
  }
  for (const block of turn.content) content.push(block);
  return { role: turn.role, content };
}
