// Which agents, aliases and knowledge bases "exist" in the emulator. Real ids are 10 characters of
// upper-case letters and digits; the emulator accepts any such id, except ones starting with
// NOTFOUND, which are missing (so tests can reach the 404 path).
import { notFound, validationError } from '../service-support/service-error';

const RESOURCE_ID = /^[0-9A-Z]{10}$/;
const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const MISSING_PREFIX = 'NOTFOUND';

export function checkAgent(agentId: string, agentAliasId: string, sessionId: string): void {
  if (!RESOURCE_ID.test(agentId)) {
    throw validationError('agentId', 'Member must satisfy regular expression pattern: [0-9A-Z]{10}', agentId);
  }
  if (!RESOURCE_ID.test(agentAliasId)) {
    throw validationError(
      'agentAliasId',
      'Member must satisfy regular expression pattern: [0-9A-Z]{10}',
      agentAliasId,
    );
  }
  if (!SESSION_ID.test(sessionId)) {
    throw validationError(
      'sessionId',
      'Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+',
      sessionId,
    );
  }
  if (agentId.startsWith(MISSING_PREFIX))
    throw notFound(`Failed to retrieve resource because it doesn't exist. Agent ${agentId} not found.`);
  if (agentAliasId.startsWith(MISSING_PREFIX)) {
    throw notFound(
      `Failed to retrieve resource because it doesn't exist. Agent alias ${agentAliasId} not found.`,
    );
  }
}

export function checkKnowledgeBase(knowledgeBaseId: string, field = 'knowledgeBaseId'): void {
  if (!RESOURCE_ID.test(knowledgeBaseId)) {
    throw validationError(
      field,
      'Member must satisfy regular expression pattern: [0-9A-Z]{10}',
      knowledgeBaseId,
    );
  }
  if (knowledgeBaseId.startsWith(MISSING_PREFIX))
    throw notFound(`Knowledge base ${knowledgeBaseId} does not exist.`);
}

/**
 * An agent asks the caller to run an action (a returnControl event instead of an answer) when its
 * id starts with RC, or when the input text contains "call function" (any case).
 */
export function wantsReturnControl(agentId: string, inputText: string): boolean {
  return agentId.startsWith('RC') || inputText.toLowerCase().includes('call function');
}

/** The test alias id Bedrock gives every agent's working draft. */
export function agentVersionFor(agentAliasId: string): string {
  return agentAliasId === 'TSTALIASID' ? 'DRAFT' : '1';
}

/**
 * The foundation model an agent runs on, as its traces name it: Amazon Nova Lite for agents whose id
 * starts with NOVA, Claude 3 Haiku for every other agent.
 */
export function foundationModelFor(agentId: string): string {
  return agentId.startsWith('NOVA') ? 'amazon.nova-lite-v1:0' : 'anthropic.claude-3-haiku-20240307-v1:0';
}
