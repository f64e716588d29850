// `tools` / `tool_choice` / `parallel_tool_calls` → Converse `toolConfig` (+ an Anthropic field).
import type { Tool, ToolChoice } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { ChatCompletionRequest } from '@quarry/openai';
import { cachePointFor } from './cache-points';
import type { ConverseDraft, JsonDocument } from './converse-draft';

export function applyTools(draft: ConverseDraft, request: ChatCompletionRequest, dropParams: boolean): void {
  const requestTools = request.tools ?? [];
  const toolChoice = request.tool_choice;
  const capabilities = draft.capabilities;

  if (requestTools.length === 0) {
    // 'auto' and 'none' without tools ask for nothing; forcing a tool that does not exist is a mistake.
    if (toolChoice && toolChoice !== 'auto' && toolChoice !== 'none') {
      throw OpenAIError.badRequest(
        'tool_choice requires tools; send the tools the model may call',
        'tool_choice',
      );
    }
    return;
  }
  if (!capabilities.supportsTools) {
    if (dropParams) return;
    throw OpenAIError.badRequest(
      'tools are not supported by this model on Bedrock; set drop_params to drop them',
      'tools',
    );
  }

  const seen = new Set<string>();
  for (let index = 0; index < requestTools.length; index++) {
    const fn = requestTools[index].function;
    if (seen.has(fn.name)) {
      throw OpenAIError.badRequest(
        `tools[${index}].function.name '${fn.name}' is defined twice`,
        `tools[${index}].function.name`,
      );
    }
    seen.add(fn.name);
    const description = fn.description?.trim();
    draft.tools.push({
      toolSpec: {
        name: draft.state.toolNames.toBedrock(fn.name),
        // Bedrock refuses an empty description (LiteLLM #24668), and it adds nothing.
        ...(description ? { description: fn.description } : {}),
        inputSchema: { json: inputSchemaOf(fn.parameters) as JsonDocument },
      },
    });
    const cachePoint = cachePointFor(requestTools[index].cache_control, draft.state.cachingSupported);
    if (cachePoint) draft.tools.push(cachePoint as Tool);
  }
  draft.toolChoice = toolChoiceFor(toolChoice, draft, seen, dropParams);
}

function inputSchemaOf(parameters: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!parameters || Object.keys(parameters).length === 0) return { type: 'object', properties: {} };
  // Bedrock (Anthropic) wants an object schema at the root; OpenAI clients sometimes leave `type` out.
  return parameters.type === undefined ? { type: 'object', ...parameters } : parameters;
}

function toolChoiceFor(
  toolChoice: ChatCompletionRequest['tool_choice'],
  draft: ConverseDraft,
  toolNames: ReadonlySet<string>,
  dropParams: boolean,
): ToolChoice | undefined {
  if (!toolChoice) return autoChoice(draft);
  if (toolChoice === 'auto') return autoChoice(draft);
  if (toolChoice === 'none') {
    // Converse has no "none". Without tools the model cannot call any, but Bedrock refuses toolUse /
    // toolResult history without a toolConfig, so then the tools stay and only the choice is dropped.
    if (!draft.containsToolBlocks) draft.tools.length = 0;
    return undefined;
  }
  if (!draft.capabilities.supportsToolChoice) {
    if (dropParams) return undefined;
    throw OpenAIError.badRequest(
      'tool_choice other than auto is not supported by this model on Bedrock; set drop_params to drop it',
      'tool_choice',
    );
  }
  if (toolChoice === 'required' || toolChoice === 'any') return { any: {} };
  const name = toolChoice.function.name;
  if (!toolNames.has(name)) {
    throw OpenAIError.badRequest(
      `tool_choice names the tool '${name}', which is not in tools`,
      'tool_choice.function.name',
    );
  }
  return { tool: { name: draft.state.toolNames.toBedrock(name) } };
}

/** `auto` is Bedrock's default; it is only spelled out for models that accept a toolChoice at all. */
function autoChoice(draft: ConverseDraft): ToolChoice | undefined {
  return draft.capabilities.supportsToolChoice ? { auto: {} } : undefined;
}

/**
 * `parallel_tool_calls: false` → Anthropic's `tool_choice.disable_parallel_tool_use`, with a `type`
 * matching the Converse toolChoice (Bedrock 400s on a missing or conflicting type, LiteLLM #34347,
 * #36536). Other families cannot switch parallel calls off; the flag is dropped there (the client
 * still receives well-formed, possibly parallel, tool calls). Without tools it means nothing.
 */
export function applyParallelToolCalls(draft: ConverseDraft, request: ChatCompletionRequest): void {
  if (request.parallel_tool_calls !== false || draft.tools.length === 0) return;
  // Only Claude 4.5+ on Bedrock takes Anthropic's switch (earlier Claude models refuse the request); elsewhere
  // parallel_tool_calls: false is a preference Converse cannot express, and SDKs send it by default.
  if (!draft.capabilities.supportsClaude45Controls) return;
  const choice = draft.toolChoice;
  const anthropicChoice: Record<string, unknown> = choice?.any
    ? { type: 'any' }
    : choice?.tool
      ? { type: 'tool', name: choice.tool.name }
      : { type: 'auto' };
  anthropicChoice.disable_parallel_tool_use = true;
  draft.additionalFields.tool_choice = anthropicChoice;
}

/**
 * Bedrock refuses toolUse/toolResult history without a toolConfig. When the client sent no tools,
 * modify_params declares the tools the history used (open schemas); otherwise it is a 400.
 */
export function ensureToolConfigForHistory(draft: ConverseDraft): void {
  if (!draft.containsToolBlocks || draft.tools.length > 0) return;
  if (!draft.state.modifyParams) {
    throw OpenAIError.badRequest(
      'messages contain tool calls, so Bedrock needs their definitions: send tools (or enable modify_params)',
      'tools',
    );
  }
  for (const bedrockName of draft.state.toolNames.reverseMap.keys()) {
    draft.tools.push({
      toolSpec: {
        name: bedrockName,
        description: 'A tool used earlier in this conversation.',
        inputSchema: { json: { type: 'object', properties: {} } },
      },
    });
  }
}
