// Bedrock requires every toolUse of an assistant turn to be answered by a toolResult in the very next
// user turn, and refuses results nobody asked for ("Expected toolResult blocks at messages.N.content",
// LiteLLM #5277). Mismatches are a 400 naming the message, or, with modify_params, repaired:
// unanswered calls get a placeholder result, orphan results become plain user text.
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ConversationTurn, ToolResultEntry } from './conversation-turn';
import type { TranslationState } from './translation-state';

export const UNANSWERED_TOOL_CALL_RESULT = 'No result was provided for this tool call.';

export function matchToolResults(turns: ConversationTurn[], state: TranslationState): void {
  for (let turnIndex = 0; turnIndex < turns.length; turnIndex++) {
    const turn = turns[turnIndex];
    if (turn.role === 'assistant') answerEveryToolUse(turns, turnIndex, state);
    else dropOrphanResults(turn, turnIndex > 0 ? turns[turnIndex - 1] : undefined, state);
  }
}

function answerEveryToolUse(turns: ConversationTurn[], turnIndex: number, state: TranslationState): void {
  const turn = turns[turnIndex];
  if (turn.toolUses.length === 0) return;
  let next = turns[turnIndex + 1];
  const answered = new Set<string>();
  if (next?.role === 'user') for (const entry of next.toolResults) answered.add(entry.clientId);
  for (const toolUse of turn.toolUses) {
    if (answered.has(toolUse.clientId)) continue;
    if (!state.modifyParams) {
      throw OpenAIError.badRequest(
        `${toolUse.param} (id '${toolUse.clientId}') has no matching tool message; every tool call must be ` +
          'answered by a tool message right after the assistant message (or enable modify_params)',
        `${toolUse.param}.id`,
      );
    }
    if (next?.role !== 'user') {
      next = {
        role: 'user',
        firstMessageIndex: turn.firstMessageIndex,
        toolResults: [],
        content: [],
        toolUses: [],
      };
      turns.splice(turnIndex + 1, 0, next);
    }
    next.toolResults.push({
      clientId: toolUse.clientId,
      messageIndex: turn.firstMessageIndex,
      result: {
        toolUseId: state.toolUseIds.toBedrock(toolUse.clientId),
        content: [{ text: UNANSWERED_TOOL_CALL_RESULT }],
      },
    });
  }
}

function dropOrphanResults(
  turn: ConversationTurn,
  previous: ConversationTurn | undefined,
  state: TranslationState,
): void {
  if (turn.toolResults.length === 0) return;
  const expected = new Set<string>();
  if (previous?.role === 'assistant') for (const toolUse of previous.toolUses) expected.add(toolUse.clientId);
  const kept: ToolResultEntry[] = [];
  const orphanContent: ContentBlock[] = [];
  const seen = new Set<string>();
  for (const entry of turn.toolResults) {
    const duplicate = seen.has(entry.clientId);
    if (expected.has(entry.clientId) && !duplicate) {
      seen.add(entry.clientId);
      kept.push(entry);
      continue;
    }
    const param = `messages[${entry.messageIndex}].tool_call_id`;
    if (!state.modifyParams) {
      throw OpenAIError.badRequest(
        duplicate
          ? `messages[${entry.messageIndex}] answers tool_call_id '${entry.clientId}' a second time`
          : `messages[${entry.messageIndex}] answers tool_call_id '${entry.clientId}', but the assistant message ` +
              'right before it made no tool call with that id (or enable modify_params)',
        param,
      );
    }
    orphanContent.push({ text: `Result of tool call ${entry.clientId}:` });
    for (const block of entry.result.content ?? []) {
      if (block.text !== undefined) orphanContent.push({ text: block.text });
      else if (block.image) orphanContent.push({ image: block.image });
      else if (block.document) orphanContent.push({ document: block.document });
    }
  }
  turn.toolResults = kept;
  if (orphanContent.length > 0) turn.content.unshift(...orphanContent);
}
