// ApplyGuardrail (POST /guardrail/{id}/version/{version}/apply): intervenes when any text holds the
// marker word QUARRY_BLOCK, otherwise passes it.
import { EmulatorError } from '../http/emulator-error';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import { GUARDRAIL_BLOCKED_MESSAGE, GUARDRAIL_MARKER } from '../model/reply-generator';
import {
  expectArray,
  expectRecord,
  expectString,
  isRecord,
  parseJsonBody,
  rejectExtraneousKeys,
} from '../service-support/request-body';
import { answerLeadingFaults } from '../service-support/request-faults';

const GUARDRAIL_VERSION = /^(DRAFT|[1-9][0-9]{0,7})$/;
const TEXT_UNIT_CHARS = 1000;

export async function applyGuardrail(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context.faults, context, response, request.signal)) return;
  const version = request.params.guardrailVersion;
  if (!GUARDRAIL_VERSION.test(version)) {
    throw EmulatorError.validation(
      `1 validation error detected: Value '${version}' at 'guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))`,
    );
  }
  const body = parseJsonBody(request.body);
  rejectExtraneousKeys(body, ['source', 'content', 'outputScope']);
  const source = expectString(body.source, 'source');
  if (source !== 'INPUT' && source !== 'OUTPUT') {
    throw EmulatorError.validation(
      `1 validation error detected: Value '${source}' at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]`,
    );
  }
  if (body.outputScope !== undefined && body.outputScope !== 'FULL' && body.outputScope !== 'INTERVENTIONS') {
    throw EmulatorError.validation(`outputScope must be FULL or INTERVENTIONS.`);
  }
  const content = expectArray(body.content, 'content');
  if (content.length === 0) {
    throw EmulatorError.validation(
      "1 validation error detected: Value '[]' at 'content' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  const texts = content.flatMap((item, index) => {
    const block = expectRecord(item, `content.${index}`);
    if (block.text !== undefined)
      return [
        expectString(expectRecord(block.text, `content.${index}.text`).text, `content.${index}.text.text`),
      ];
    if (isRecord(block.image)) return [];
    throw EmulatorError.validation(`content.${index} must set text or image.`);
  });
  const characters = texts.reduce((sum, text) => sum + text.length, 0);
  const units = Math.max(1, Math.ceil(characters / TEXT_UNIT_CHARS));
  const usage = {
    topicPolicyUnits: units,
    contentPolicyUnits: units,
    wordPolicyUnits: units,
    sensitiveInformationPolicyUnits: units,
    sensitiveInformationPolicyFreeUnits: 0,
    contextualGroundingPolicyUnits: 0,
  };
  const coverage = { textCharacters: { guarded: characters, total: characters } };
  const intervened = texts.some((text) => text.includes(GUARDRAIL_MARKER));
  const invocationMetrics = {
    guardrailProcessingLatency: Date.now() - startedAt,
    usage,
    guardrailCoverage: coverage,
  };
  response.json({
    usage,
    action: intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
    actionReason: intervened
      ? `Guardrail ${request.params.guardrailIdentifier} blocked the ${source.toLowerCase()}.`
      : 'No action.',
    outputs: intervened ? [{ text: GUARDRAIL_BLOCKED_MESSAGE }] : [],
    assessments: [
      intervened
        ? {
            wordPolicy: {
              customWords: [{ match: GUARDRAIL_MARKER, action: 'BLOCKED', detected: true }],
              managedWordLists: [],
            },
            invocationMetrics,
          }
        : { invocationMetrics },
    ],
    guardrailCoverage: coverage,
  });
}
