// The Converse input's conversation and tools in OpenAI's chat shape, for the models whose native
// InvokeModel body is OpenAI-like (gpt-oss, Qwen 3, Jamba, Mistral Large 2, Kimi, imported OpenAI-style).
import type { ContentBlock, ConverseCommandInput, ToolChoice } from '@aws-sdk/client-bedrock-runtime';
import type { JsonObject } from './invoke-family';
import { refuseMedia } from './prompt-turns';

export function openAiMessages(input: ConverseCommandInput): JsonObject[] {
  const messages: JsonObject[] = [];
  const system = (input.system ?? []).map((block) => block.text ?? '').join('');
  if (system) messages.push({ role: 'system', content: system });
  for (const [index, message] of (input.messages ?? []).entries()) {
    const blocks = (message.content ?? []).map((block) => refuseMedia(block, index));
    if (message.role === 'assistant') messages.push(assistantMessage(blocks));
    else pushUserBlocks(messages, blocks);
  }
  return messages;
}

function assistantMessage(blocks: ContentBlock[]): JsonObject {
  const text = blocks.map((block) => block.text ?? '').join('');
  const toolCalls = blocks
    .filter((block) => block.toolUse)
    .map((block) => ({
      id: block.toolUse!.toolUseId,
      type: 'function',
      function: { name: block.toolUse!.name, arguments: JSON.stringify(block.toolUse!.input ?? {}) },
    }));
  const message: JsonObject = { role: 'assistant', content: text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** Tool results become `tool` messages (in order, before the user's text); text becomes one user message. */
function pushUserBlocks(messages: JsonObject[], blocks: ContentBlock[]): void {
  let text = '';
  for (const block of blocks) {
    if (block.toolResult) {
      const content = (block.toolResult.content ?? [])
        .map((part) => (part.text !== undefined ? part.text : JSON.stringify(part.json ?? '')))
        .join('');
      messages.push({ role: 'tool', tool_call_id: block.toolResult.toolUseId, content });
    } else if (block.text !== undefined) text += block.text;
  }
  if (text) messages.push({ role: 'user', content: text });
}

export function openAiTools(input: ConverseCommandInput): JsonObject[] | undefined {
  const tools = input.toolConfig?.tools ?? [];
  if (tools.length === 0) return undefined;
  return tools
    .filter((tool) => tool.toolSpec)
    .map((tool) => ({
      type: 'function',
      function: {
        name: tool.toolSpec!.name,
        ...(tool.toolSpec!.description ? { description: tool.toolSpec!.description } : {}),
        parameters: tool.toolSpec!.inputSchema?.json ?? { type: 'object', properties: {} },
      },
    }));
}

export function openAiToolChoice(choice: ToolChoice | undefined): unknown {
  if (!choice) return undefined;
  if (choice.any) return 'required';
  if (choice.tool) return { type: 'function', function: { name: choice.tool.name } };
  return 'auto';
}
