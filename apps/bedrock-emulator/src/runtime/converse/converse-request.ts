// Parses a Converse / ConverseStream body (also a Nova InvokeModel body and CountTokens' converse
// input) into a Conversation, rejecting what Bedrock rejects with a message naming the field.
import { EmulatorError } from '../../http/emulator-error';
import type { FoundationModel } from '../../catalogue/foundation-model';
import {
  emptyConversation,
  type Conversation,
  type ToolChoice,
  type ToolDefinition,
} from '../../model/conversation';
import {
  expectArray,
  expectRecord,
  expectString,
  isRecord,
  optionalNumber,
  optionalStringArray,
  rejectExtraneousKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import { checkClosedObjects } from './closed-schema-rule';
import { checkThinkingHistory } from './thinking-history-rule';
import { parseMessages, parseSystem, usesToolBlocks } from './converse-messages';

export const CONVERSE_KEYS = [
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'guardrailConfig',
  'additionalModelRequestFields',
  'promptVariables',
  'additionalModelResponseFieldPaths',
  'requestMetadata',
  'performanceConfig',
  'serviceTier',
  'outputConfig',
] as const;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export interface ParseConverseOptions {
  allowedKeys?: readonly string[];
  /** Guardrail requested outside the body (InvokeModel headers). */
  guardrail?: boolean;
}

export function parseConverseRequest(
  body: JsonRecord,
  model: FoundationModel,
  options: ParseConverseOptions = {},
): Conversation {
  rejectExtraneousKeys(body, options.allowedKeys ?? CONVERSE_KEYS);
  const conversation = emptyConversation();
  conversation.messages = parseMessages(body.messages);
  conversation.system = parseSystem(body.system);

  const inference =
    body.inferenceConfig === undefined ? {} : expectRecord(body.inferenceConfig, 'inferenceConfig');
  conversation.maxTokens = optionalNumber(
    inference.maxTokens ?? inference.max_new_tokens,
    'inferenceConfig.maxTokens',
    {
      min: 1,
      integer: true,
    },
  );
  optionalNumber(inference.temperature, 'inferenceConfig.temperature', { min: 0, max: 1 });
  optionalNumber(inference.topP ?? inference.top_p, 'inferenceConfig.topP', { min: 0, max: 1 });
  conversation.stopSequences = optionalStringArray(inference.stopSequences, 'inferenceConfig.stopSequences');

  if (body.toolConfig !== undefined) parseToolConfig(body.toolConfig, conversation);
  if (usesToolBlocks(conversation.messages) && body.toolConfig === undefined) {
    throw EmulatorError.validation(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  }

  const additional = body.additionalModelRequestFields;
  conversation.thinking = thinkingRequested(model, isRecord(additional) ? additional : {}, body);
  if (conversation.thinking && model.family === 'anthropic') {
    checkClaudeThinking(conversation, additional);
    checkThinkingHistory(conversation.messages);
  }

  if (body.outputConfig !== undefined) conversation.jsonSchema = parseOutputConfig(body.outputConfig);
  conversation.guardrail = options.guardrail === true || parseGuardrailConfig(body.guardrailConfig);
  return conversation;
}

function parseToolConfig(value: unknown, conversation: Conversation): void {
  const toolConfig = expectRecord(value, 'toolConfig');
  const tools = expectArray(toolConfig.tools, 'toolConfig.tools');
  if (tools.length === 0) {
    throw EmulatorError.validation(
      "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  tools.forEach((item, index) => {
    const path = `toolConfig.tools.${index}`;
    const tool = expectRecord(item, path);
    if (tool.cachePoint !== undefined) {
      conversation.toolsCachePoint = true;
      return;
    }
    conversation.tools.push(parseToolSpec(tool.toolSpec, `${path}.member.toolSpec`));
  });
  const names = conversation.tools.map((tool) => tool.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate)
    throw EmulatorError.validation(`toolConfig.tools: the tool name ${duplicate} is used more than once.`);
  if (toolConfig.toolChoice !== undefined)
    conversation.toolChoice = parseToolChoice(toolConfig.toolChoice, names);
}

function parseToolSpec(value: unknown, path: string): ToolDefinition {
  const spec = expectRecord(value, path);
  const name = expectString(spec.name, `${path}.name`);
  if (!TOOL_NAME.test(name)) {
    throw EmulatorError.validation(
      `1 validation error detected: Value '${name}' at '${path}.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+ and have length between 1 and 64`,
    );
  }
  const description = spec.description;
  if (description !== undefined && (typeof description !== 'string' || description.length === 0)) {
    throw EmulatorError.validation(
      `1 validation error detected: Value '${String(description)}' at '${path}.description' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  const inputSchema = expectRecord(spec.inputSchema, `${path}.inputSchema`);
  if (!isRecord(inputSchema.json))
    throw EmulatorError.validation(`${path}.inputSchema.json must be a JSON schema object.`);
  return { name, description: description ?? '', schema: inputSchema.json };
}

function parseToolChoice(value: unknown, names: string[]): ToolChoice {
  const choice = expectRecord(value, 'toolConfig.toolChoice');
  if (choice.auto !== undefined) return { type: 'auto' };
  if (choice.any !== undefined) return { type: 'any' };
  if (choice.tool !== undefined) {
    const name = expectString(
      expectRecord(choice.tool, 'toolConfig.toolChoice.tool').name,
      'toolConfig.toolChoice.tool.name',
    );
    if (!names.includes(name)) {
      throw EmulatorError.validation(
        `toolConfig.toolChoice.tool.name: the tool ${name} is not defined in toolConfig.tools.`,
      );
    }
    return { type: 'tool', name };
  }
  throw EmulatorError.validation('toolConfig.toolChoice must set one of auto, any or tool.');
}

/** Claude: thinking / reasoning_config; Nova: reasoningConfig (in additional fields or, for InvokeModel, top level). */
function thinkingRequested(model: FoundationModel, additional: JsonRecord, body: JsonRecord): boolean {
  const enabled = (value: unknown) =>
    isRecord(value) && (value.type === 'enabled' || value.type === 'adaptive');
  if (model.family === 'anthropic')
    return enabled(additional.thinking) || enabled(additional.reasoning_config);
  if (model.family === 'nova') return enabled(additional.reasoningConfig) || enabled(body.reasoningConfig);
  return false;
}

function checkClaudeThinking(conversation: Conversation, additional: unknown): void {
  if (conversation.toolChoice.type === 'any' || conversation.toolChoice.type === 'tool') {
    throw EmulatorError.validation('Thinking may not be enabled when tool_choice forces tool use.');
  }
  const thinking = isRecord(additional) ? (additional.thinking ?? additional.reasoning_config) : undefined;
  const budget = isRecord(thinking) ? thinking.budget_tokens : undefined;
  if (
    typeof budget === 'number' &&
    conversation.maxTokens !== undefined &&
    budget >= conversation.maxTokens
  ) {
    throw EmulatorError.validation('`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
}

function parseOutputConfig(value: unknown): unknown {
  const outputConfig = expectRecord(value, 'outputConfig');
  if (outputConfig.textFormat === undefined) return undefined;
  const textFormat = expectRecord(outputConfig.textFormat, 'outputConfig.textFormat');
  if (textFormat.type !== 'json_schema') {
    throw EmulatorError.validation(
      `outputConfig.textFormat.type must be json_schema, got ${String(textFormat.type)}.`,
    );
  }
  const structure = expectRecord(textFormat.structure, 'outputConfig.textFormat.structure');
  const jsonSchema = expectRecord(structure.jsonSchema, 'outputConfig.textFormat.structure.jsonSchema');
  const schemaText = expectString(jsonSchema.schema, 'outputConfig.textFormat.structure.jsonSchema.schema');
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch {
    throw EmulatorError.validation('outputConfig.textFormat.structure.jsonSchema.schema is not valid JSON.');
  }
  checkClosedObjects(schema);
  return schema;
}

function parseGuardrailConfig(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const config = expectRecord(value, 'guardrailConfig');
  expectString(config.guardrailIdentifier, 'guardrailConfig.guardrailIdentifier');
  expectString(config.guardrailVersion, 'guardrailConfig.guardrailVersion');
  return true;
}
