// TwelveLabs Pegasus 1.2 on InvokeModel: `{inputPrompt, mediaSource: {base64String | s3Location},
// temperature, responseFormat, maxOutputTokens}` in, `{message, finishReason}` out (finishReason
// `stop` or `length`); streamed as `message` pieces with the finish reason on the last one.
import { EmulatorError } from '../../http/emulator-error';
import { emptyConversation, type ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { textDeltas } from '../../model/text-chunks';
import {
  expectNonEmptyString,
  expectRecord,
  optionalNumber,
  optionalRecord,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { TextFamily } from './text-family';

const finishReason = (outcome: ModelOutcome) => (outcome.stopReason === 'max_tokens' ? 'length' : 'stop');

function checkMediaSource(value: unknown): void {
  const source = expectRecord(value, 'mediaSource');
  rejectExtraneousKeys(source, ['base64String', 's3Location'], '#/mediaSource');
  if (source.base64String === undefined && source.s3Location === undefined)
    throw EmulatorError.malformed('#/mediaSource: one of [base64String, s3Location] is required');
  if (source.base64String !== undefined)
    expectNonEmptyString(source.base64String, 'mediaSource.base64String');
  const s3 = optionalRecord(source.s3Location, 'mediaSource.s3Location');
  if (s3) expectNonEmptyString(s3.uri, 'mediaSource.s3Location.uri');
}

export const twelveLabsPegasusFamily: TextFamily = {
  toolIdPrefix: 'call_',
  parse(body: JsonRecord) {
    rejectExtraneousKeys(body, [
      'inputPrompt',
      'mediaSource',
      'temperature',
      'responseFormat',
      'maxOutputTokens',
    ]);
    requireKeys(body, ['inputPrompt', 'mediaSource']);
    const prompt = expectNonEmptyString(body.inputPrompt, 'inputPrompt');
    checkMediaSource(body.mediaSource);
    optionalNumber(body.temperature, 'temperature', { min: 0, max: 1 });
    const conversation = emptyConversation();
    conversation.messages.push({ role: 'user', blocks: [{ kind: 'media' }, { kind: 'text', text: prompt }] });
    conversation.maxTokens = optionalNumber(body.maxOutputTokens, 'maxOutputTokens', {
      min: 1,
      max: 4096,
      integer: true,
    });
    const format = optionalRecord(body.responseFormat, 'responseFormat');
    if (format?.jsonSchema !== undefined) conversation.jsonSchema = format.jsonSchema;
    return conversation;
  },
  render(outcome) {
    return { message: outcome.text, finishReason: finishReason(outcome) };
  },
  streamChunks(outcome) {
    const pieces = textDeltas(outcome.text);
    if (pieces.length === 0) pieces.push('');
    return pieces.map((piece, index) => ({
      chunk:
        index === pieces.length - 1
          ? { message: piece, finishReason: finishReason(outcome) }
          : { message: piece },
      tokens: countTextTokens(piece),
    }));
  },
};
