// OpenAI `messages` → Converse `system` + `messages`.
// - system/developer messages, wherever they appear, become system blocks in order;
// - consecutive same-role messages merge into one turn (Bedrock wants strict user/assistant turns),
//   so parallel tool results become ONE user turn of toolResult blocks;
// - the conversation must open with a user turn; a trailing assistant message is a prefill whose
//   trailing whitespace Bedrock refuses, so it is trimmed.
import type { ContentBlock, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ChatMessage } from '@quarry/openai';
import { assistantTurnContent } from './assistant-turn';
import { cachePointFor } from './cache-points';
import {
  systemContentBlocks,
  toolMessageCacheControl,
  toolResultContent,
  userContentBlocks,
} from './content-parts';
import { toConverseMessage, type ConversationTurn } from './conversation-turn';
import { matchToolResults } from './tool-result-matching';
import type { TranslationState } from './translation-state';

export const DEFAULT_USER_CONTINUE_MESSAGE = 'Please continue.';

export interface ConverseConversation {
  system: SystemContentBlock[];
  messages: Message[];
  /** Bedrock requires a toolConfig whenever toolUse/toolResult blocks appear. */
  containsToolBlocks: boolean;
}

/**
 * @param userContinueMessage the turn put first when a conversation starts with the assistant: the
 *   deployment's or the request's `user_continue_message`, which asks for that on its own (LiteLLM's
 *   seeds configure it without modify_params); without one, only modify_params inserts the default.
 */
export function toConverseConversation(
  chatMessages: ChatMessage[],
  state: TranslationState,
  userContinueMessage?: string,
): ConverseConversation {
  const system: SystemContentBlock[] = [];
  const turns: ConversationTurn[] = [];
  let containsToolBlocks = false;

  for (let index = 0; index < chatMessages.length; index++) {
    const message = chatMessages[index];
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        for (const block of systemContentBlocks(message, path, state)) system.push(block);
        break;
      case 'user': {
        const blocks = userContentBlocks(message, path, state);
        if (blocks.length > 0) turnFor(turns, 'user', index).content.push(...blocks);
        break;
      }
      case 'tool': {
        const cachePoint = cachePointFor(toolMessageCacheControl(message), state.cachingSupported);
        turnFor(turns, 'user', index).toolResults.push({
          clientId: message.tool_call_id,
          messageIndex: index,
          result: {
            toolUseId: state.toolUseIds.toBedrock(message.tool_call_id),
            content: toolResultContent(message, path, state),
          },
          cachePoint: cachePoint?.cachePoint,
        });
        containsToolBlocks = true;
        break;
      }
      case 'assistant': {
        const { blocks, toolUses } = assistantTurnContent(message, path, state);
        if (blocks.length === 0) {
          if (state.modifyParams) break;
          throw OpenAIError.badRequest(
            `${path} has no content and no tool_calls; Bedrock refuses empty messages (enable modify_params to drop it)`,
            `${path}.content`,
          );
        }
        const turn = turnFor(turns, 'assistant', index);
        turn.content.push(...blocks);
        turn.toolUses.push(...toolUses);
        if (toolUses.length > 0) containsToolBlocks = true;
        break;
      }
      case 'function':
        throw OpenAIError.badRequest(
          `${path}.role 'function' is deprecated and not supported; send tool messages instead`,
          `${path}.role`,
        );
      default: {
        const unknown: never = message;
        throw OpenAIError.badRequest(
          `${path}.role ${JSON.stringify((unknown as { role: unknown }).role)} is not supported`,
          `${path}.role`,
        );
      }
    }
  }

  ensureUserFirst(turns, state, userContinueMessage);
  matchToolResults(turns, state);
  trimPrefill(turns);
  return { system, messages: turns.map(toConverseMessage), containsToolBlocks };
}

/** The current turn when it has this role (merging), otherwise a new one. */
function turnFor(
  turns: ConversationTurn[],
  role: 'user' | 'assistant',
  messageIndex: number,
): ConversationTurn {
  const last = turns[turns.length - 1];
  if (last?.role === role) return last;
  const turn: ConversationTurn = {
    role,
    firstMessageIndex: messageIndex,
    toolResults: [],
    content: [],
    toolUses: [],
  };
  turns.push(turn);
  return turn;
}

function ensureUserFirst(
  turns: ConversationTurn[],
  state: TranslationState,
  userContinueMessage: string | undefined,
): void {
  const first = turns[0];
  if (first?.role === 'user') return;
  if (!state.modifyParams && userContinueMessage === undefined) {
    if (!first) {
      throw OpenAIError.badRequest(
        'messages must contain at least one user message besides system messages (or enable modify_params)',
        'messages',
      );
    }
    throw OpenAIError.badRequest(
      `messages[${first.firstMessageIndex}] is an assistant message, but after the system messages Bedrock ` +
        'conversations must start with a user message (or enable modify_params)',
      `messages[${first.firstMessageIndex}].role`,
    );
  }
  const content: ContentBlock[] = [{ text: userContinueMessage ?? DEFAULT_USER_CONTINUE_MESSAGE }];
  turns.unshift({
    role: 'user',
    firstMessageIndex: first?.firstMessageIndex ?? 0,
    toolResults: [],
    content,
    toolUses: [],
  });
}

/** Bedrock: "final assistant content cannot end with trailing whitespace". */
function trimPrefill(turns: ConversationTurn[]): void {
  const last = turns[turns.length - 1];
  if (last?.role !== 'assistant') return;
  const content = last.content;
  let textIndex = content.length - 1;
  while (textIndex >= 0 && content[textIndex].cachePoint) textIndex--;
  const block = content[textIndex];
  if (block?.text === undefined) return;
  const trimmed = block.text.trimEnd();
  if (trimmed.length > 0) content[textIndex] = { text: trimmed };
  else content.splice(textIndex, 1);
  if (content.every((candidate) => candidate.cachePoint !== undefined)) turns.pop();
}
