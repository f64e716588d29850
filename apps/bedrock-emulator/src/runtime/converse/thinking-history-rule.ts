// Bedrock's rule for Claude with thinking on (Anthropic's API, relayed as a ValidationException):
// the last assistant turn of a tool-use loop must start with its thinking block — the signed
// `reasoningContent` the model returned. Clients that drop thinking blocks when replaying history
// (LangChain, the AI SDK) hit it on the turn after a tool call.
import { EmulatorError } from '../../http/emulator-error';
import type { ConversationMessage } from '../../model/conversation';

const BLOCK_TYPES: Record<string, string> = { toolUse: 'tool_use', text: 'text', toolResult: 'tool_result' };

export function checkThinkingHistory(messages: ConversationMessage[]): void {
  let lastAssistant = -1;
  messages.forEach((message, index) => {
    if (message.role === 'assistant') lastAssistant = index;
  });
  if (lastAssistant < 0) return;
  const blocks = messages[lastAssistant].blocks.filter((block) => block.kind !== 'cachePoint');
  if (!blocks.some((block) => block.kind === 'toolUse')) return;
  const first = blocks[0];
  if (first.kind === 'reasoning') return;
  throw EmulatorError.validation(
    `The model returned the following errors: messages.${lastAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${BLOCK_TYPES[first.kind] ?? first.kind}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  );
}
