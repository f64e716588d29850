// The InvokeAgent request fields a chat request (or an agent deployment's litellm_params) may set, each
// checked before Bedrock sees it: a wrong field is a 400 naming it, not a ValidationException later.
// The members inside them that Bedrock documents in depth (files, knowledge base configurations,
// conversation history, returnControl results) are checked for shape here and in detail by Bedrock.
import { OpenAIError } from '@quarry/openai';
import { MAX_CLIENT_AGENT_ID_LENGTH } from './agent-session-scope';

export type InvokeAgentField =
  | 'sessionState'
  | 'memoryId'
  | 'enableTrace'
  | 'endSession'
  | 'streamingConfigurations'
  | 'bedrockModelConfigurations'
  | 'promptCreationConfigurations'
  | 'sourceArn';

export const INVOKE_AGENT_FIELDS: ReadonlySet<string> = new Set<InvokeAgentField>([
  'sessionState',
  'memoryId',
  'enableTrace',
  'endSession',
  'streamingConfigurations',
  'bedrockModelConfigurations',
  'promptCreationConfigurations',
  'sourceArn',
]);

type Check = (value: unknown, param: string) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const object =
  (members: Record<string, Check>): Check =>
  (value, param) => {
    if (!isObject(value)) fail(`${param} must be an object`, param);
    for (const key of Object.keys(value)) {
      const check = members[key];
      if (!check) fail(`${param}.${key} is not a ${param} field`, `${param}.${key}`);
      if (value[key] !== undefined && value[key] !== null) check(value[key], `${param}.${key}`);
    }
  };

const boolean: Check = (value, param) => {
  if (typeof value !== 'boolean') fail(`${param} must be a boolean`, param);
};

const string: Check = (value, param) => {
  if (typeof value !== 'string' || value.length === 0) fail(`${param} must be a non-empty string`, param);
};

const integer =
  (minimum: number): Check =>
  (value, param) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)
      fail(`${param} must be an integer of at least ${minimum}`, param);
  };

const pattern =
  (regex: RegExp, description: string): Check =>
  (value, param) => {
    if (typeof value !== 'string' || !regex.test(value)) fail(`${param} must be ${description}`, param);
  };

const stringMap: Check = (value, param) => {
  if (!isObject(value)) fail(`${param} must be an object of strings`, param);
  for (const [key, member] of Object.entries(value)) {
    if (typeof member !== 'string') fail(`${param}.${key} must be a string`, `${param}.${key}`);
  }
};

const arrayOfObjects: Check = (value, param) => {
  if (!Array.isArray(value)) fail(`${param} must be an array`, param);
  value.forEach((member, index) => {
    if (!isObject(member)) fail(`${param}[${index}] must be an object`, `${param}[${index}]`);
  });
};

const anyObject: Check = (value, param) => {
  if (!isObject(value)) fail(`${param} must be an object`, param);
};

const oneOf =
  (allowed: readonly string[]): Check =>
  (value, param) => {
    if (typeof value !== 'string' || !allowed.includes(value))
      fail(`${param} must be one of ${allowed.map((option) => `'${option}'`).join(', ')}`, param);
  };

const CHECKS: Record<InvokeAgentField, Check> = {
  sessionState: object({
    sessionAttributes: stringMap,
    promptSessionAttributes: stringMap,
    returnControlInvocationResults: arrayOfObjects,
    invocationId: string,
    files: arrayOfObjects,
    knowledgeBaseConfigurations: arrayOfObjects,
    conversationHistory: anyObject,
  }),
  memoryId: pattern(
    new RegExp(`^[0-9a-zA-Z._:-]{2,${MAX_CLIENT_AGENT_ID_LENGTH}}$`),
    `2 to ${MAX_CLIENT_AGENT_ID_LENGTH} letters, digits or the characters . _ : -`,
  ),
  enableTrace: boolean,
  endSession: boolean,
  streamingConfigurations: object({ streamFinalResponse: boolean, applyGuardrailInterval: integer(1) }),
  bedrockModelConfigurations: object({
    performanceConfig: object({ latency: oneOf(['standard', 'optimized']) }),
  }),
  promptCreationConfigurations: object({
    previousConversationTurnsToInclude: integer(0),
    excludePreviousThinkingSteps: boolean,
  }),
  sourceArn: string,
};

/** @throws OpenAIError 400 naming the field (or the member inside it) that is wrong. */
export function checkInvokeAgentField(field: InvokeAgentField, value: unknown): void {
  CHECKS[field](value, field);
}

function fail(message: string, param: string): never {
  throw OpenAIError.badRequest(message, param);
}
