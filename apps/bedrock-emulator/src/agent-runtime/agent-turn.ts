// What one InvokeAgent call produces, decided from the request alone (pure, deterministic apart
// from the invocation id): a final answer, or a request to the caller to run an action.
import { randomUUID } from 'node:crypto';

import {
  isRecord,
  optionalArray,
  optionalRecord,
  optionalString,
  type JsonRecord,
} from '../service-support/request-body';
import { invalid, validationError } from '../service-support/service-error';
import { asReference, searchKnowledgeBase } from './knowledge-base';
import { checkKnowledgeBase, wantsReturnControl } from './resource-rules';

export const EMULATOR_ACTION_GROUP = 'EmulatorActions';
export const EMULATOR_FUNCTION = 'lookup';

export type AgentTurn =
  | { kind: 'answer'; prompt: string; text: string; attribution?: { citations: unknown[] } }
  | { kind: 'returnControl'; prompt: string; invocationId: string; invocationInputs: unknown[] };

export interface AgentTurnInput {
  agentId: string;
  body: JsonRecord;
  /** Invocation id this session is waiting for results of, if any. */
  pendingInvocationId?: string;
  /** What the caller said earlier in this session (oldest first), which the answer recalls. */
  earlierInputs?: readonly string[];
}

export function decideAgentTurn({
  agentId,
  body,
  pendingInvocationId,
  earlierInputs = [],
}: AgentTurnInput): AgentTurn {
  const inputText = optionalString(body.inputText, 'inputText') ?? '';
  const sessionState = optionalRecord(body.sessionState, 'sessionState') ?? {};
  const results = optionalArray(
    sessionState.returnControlInvocationResults,
    'sessionState.returnControlInvocationResults',
  );

  if (results && results.length > 0) {
    const invocationId = optionalString(sessionState.invocationId, 'sessionState.invocationId');
    if (
      invocationId !== undefined &&
      pendingInvocationId !== undefined &&
      invocationId !== pendingInvocationId
    ) {
      throw invalid(
        `The invocationId ${invocationId} does not match the pending invocation of this session.`,
      );
    }
    const outcomes = results.map((result, index) => describeResult(result, index));
    const text = `The action returned: ${outcomes.join('; ')}.`;
    return { kind: 'answer', prompt: outcomes.join('\n'), text };
  }

  if (inputText.trim().length === 0) {
    throw validationError(
      'inputText',
      'Member must not be blank when no returnControlInvocationResults are sent',
      inputText,
    );
  }

  if (wantsReturnControl(agentId, inputText)) {
    return {
      kind: 'returnControl',
      prompt: inputText,
      invocationId: randomUUID(),
      invocationInputs: [
        {
          functionInvocationInput: {
            actionGroup: EMULATOR_ACTION_GROUP,
            function: EMULATOR_FUNCTION,
            actionInvocationType: 'RESULT',
            parameters: [{ name: 'query', type: 'string', value: inputText }],
          },
        },
      ],
    };
  }

  const recalled =
    earlierInputs.length > 0
      ? ` Earlier in this session you said: ${earlierInputs.map((input) => `"${input}"`).join(', ')}.`
      : '';
  const text = `Hello from emulated agent ${agentId}. You said: "${inputText}".${recalled}`;
  return {
    kind: 'answer',
    prompt: inputText,
    text,
    attribution: attributionFor(sessionState, inputText, text),
  };
}

/** Reads one returnControlInvocationResults entry: functionResult or apiResult with a TEXT/JSON body. */
function describeResult(result: unknown, index: number): string {
  const path = `sessionState.returnControlInvocationResults.${index + 1}`;
  if (!isRecord(result)) throw validationError(path, 'Member must be an object', result);
  const member =
    optionalRecord(result.functionResult, `${path}.functionResult`) ??
    optionalRecord(result.apiResult, `${path}.apiResult`);
  if (!member) throw validationError(path, 'Member must contain functionResult or apiResult');
  const responseBody = optionalRecord(member.responseBody, 'responseBody') ?? {};
  const bodies = Object.values(responseBody)
    .filter(isRecord)
    .map((content) => (typeof content.body === 'string' ? content.body : ''))
    .filter((body) => body.length > 0);
  const state = typeof member.responseState === 'string' ? ` (${member.responseState})` : '';
  return `${bodies.join(' ') || 'no content'}${state}`;
}

/** Citations from the first knowledge base in the session state, covering the whole answer. */
function attributionFor(
  sessionState: JsonRecord,
  query: string,
  text: string,
): { citations: unknown[] } | undefined {
  const configurations = optionalArray(
    sessionState.knowledgeBaseConfigurations,
    'sessionState.knowledgeBaseConfigurations',
  );
  const first = configurations?.[0];
  if (!isRecord(first)) return undefined;
  const knowledgeBaseId = optionalString(
    first.knowledgeBaseId,
    'sessionState.knowledgeBaseConfigurations.1.knowledgeBaseId',
  );
  if (knowledgeBaseId === undefined) return undefined;
  checkKnowledgeBase(knowledgeBaseId, 'sessionState.knowledgeBaseConfigurations.1.knowledgeBaseId');
  const passages = searchKnowledgeBase(knowledgeBaseId, query, 2);
  return {
    citations: [
      {
        generatedResponsePart: { textResponsePart: { text, span: { start: 0, end: text.length - 1 } } },
        retrievedReferences: passages.map(asReference),
      },
    ],
  };
}
