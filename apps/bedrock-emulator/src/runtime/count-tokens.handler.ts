// CountTokens (POST /model/{modelId}/count-tokens): the input tokens a Converse or InvokeModel body
// would be billed for, cache or not. Only Claude models support it, as on Bedrock.
import { EmulatorError } from '../http/emulator-error';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import { countPromptTokens } from '../model/prompt-tokens';
import {
  expectRecord,
  expectString,
  parseJsonBody,
  rejectExtraneousKeys,
} from '../service-support/request-body';
import { answerLeadingFaults } from '../service-support/request-faults';
import { parseConverseRequest } from './converse/converse-request';
import { textFamilyFor } from './families/text-families';
import { modelForOperation } from './model-answers';
import { answerOptions } from './runtime-state';

const COUNTABLE_CONVERSE_KEYS = ['messages', 'system', 'toolConfig', 'additionalModelRequestFields'];

export async function countTokens(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  if (await answerLeadingFaults(context.faults, context, response, request.signal)) return;
  const model = modelForOperation(request.params.modelId, 'countTokens', answerOptions(context));
  const body = parseJsonBody(request.body);
  rejectExtraneousKeys(body, ['input']);
  const input = expectRecord(body.input, 'input');
  const members = Object.keys(input);
  if (members.length !== 1 || (members[0] !== 'converse' && members[0] !== 'invokeModel')) {
    throw EmulatorError.validation('input must set exactly one of converse or invokeModel.');
  }
  let conversation;
  if (members[0] === 'converse') {
    conversation = parseConverseRequest(expectRecord(input.converse, 'input.converse'), model, {
      allowedKeys: COUNTABLE_CONVERSE_KEYS,
    });
  } else {
    const invoke = expectRecord(input.invokeModel, 'input.invokeModel');
    const encoded = expectString(invoke.body, 'input.invokeModel.body');
    conversation = textFamilyFor(model.family)!.parse(parseJsonBody(Buffer.from(encoded, 'base64')), model);
  }
  response.json({ inputTokens: countPromptTokens(conversation) });
}
