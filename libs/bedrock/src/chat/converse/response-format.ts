// `response_format` → native structured output (`outputConfig.textFormat`) where the model has it,
// otherwise a forced tool whose input is the JSON answer (the response side turns that tool call
// back into message content, see TranslationContext.jsonMode). `json_object` is never silently
// ignored (LiteLLM #35214).
import { OpenAIError } from '@quarry/openai';
import type { ChatCompletionRequest } from '@quarry/openai';
import { closeObjectSchemas } from './closed-object-schema';
import type { ConverseDraft, JsonDocument } from './converse-draft';

export const JSON_TOOL_NAME = 'json_tool_call';
const JSON_TOOL_DESCRIPTION =
  'Respond with a JSON object that matches this schema. Put the whole answer in the input.';

export function applyResponseFormat(
  draft: ConverseDraft,
  request: ChatCompletionRequest,
  dropParams: boolean,
): void {
  const format = request.response_format;
  if (!format) return;
  switch (format.type) {
    case 'text':
      return;
    case 'json_schema': {
      const jsonSchema = format.json_schema;
      const schema = jsonSchema.schema ?? { type: 'object' };
      // Native output needs closed objects, so it cannot say "any object": without a schema the answer
      // goes through the JSON tool, as for json_object.
      if (draft.capabilities.supportsResponseSchema && jsonSchema.schema !== undefined) {
        draft.outputConfig = {
          textFormat: {
            type: 'json_schema',
            structure: {
              jsonSchema: {
                schema: JSON.stringify(closeObjectSchemas(schema)),
                ...(jsonSchema.name ? { name: jsonSchema.name } : {}),
                ...(jsonSchema.description ? { description: jsonSchema.description } : {}),
              },
            },
          },
        };
        draft.jsonMode = { kind: 'native' };
        return;
      }
      if (schema.type !== undefined && schema.type !== 'object') {
        throw OpenAIError.badRequest(
          'response_format.json_schema.schema must describe an object for this model: without native ' +
            'structured output the answer is produced as tool input, which Bedrock requires to be an object',
          'response_format.json_schema.schema',
        );
      }
      useJsonTool(draft, schema, jsonSchema.description, dropParams);
      return;
    }
    case 'json_object':
      useJsonTool(draft, { type: 'object' }, undefined, dropParams);
      return;
    default: {
      const unknown: never = format;
      throw OpenAIError.badRequest(
        `response_format.type ${JSON.stringify(unknown)} is not supported`,
        'response_format.type',
      );
    }
  }
}

function useJsonTool(
  draft: ConverseDraft,
  schema: Record<string, unknown>,
  description: string | undefined,
  dropParams: boolean,
): void {
  const capabilities = draft.capabilities;
  if (!capabilities.supportsTools) {
    if (dropParams) return;
    throw OpenAIError.badRequest(
      'response_format json output is not supported by this model on Bedrock (it has neither structured ' +
        'output nor tool use); set drop_params to drop it',
      'response_format',
    );
  }
  const hadClientTools = draft.tools.some((tool) => tool.toolSpec !== undefined);
  const name = draft.state.toolNames.addSynthetic(JSON_TOOL_NAME);
  draft.tools.push({
    toolSpec: {
      name,
      description: description?.trim() ? description : JSON_TOOL_DESCRIPTION,
      inputSchema: { json: schema as JsonDocument },
    },
  });
  // Alone, the JSON tool is forced. Next to the client's tools the model must call one of them
  // (`any`): either a real tool or the JSON answer. A tool the client named explicitly stays forced.
  // A model that cannot force a tool gets the JSON tool unforced: it is the only tool (or sits beside
  // the client's), and its description asks for the answer there — better than refusing the request.
  if (capabilities.supportsToolChoice && !draft.toolChoice?.tool)
    draft.toolChoice = hadClientTools ? { any: {} } : { tool: { name } };
  draft.jsonMode = { kind: 'tool', toolName: name };
}
