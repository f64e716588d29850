// bedrock-agent-runtime operations served by the emulator.
import type { EmulatorRoute } from '../http/types';
import { invokeAgent } from './invoke-agent.handler';
import { rerank } from './rerank.handler';
import { retrieveAndGenerate } from './retrieve-and-generate.handler';
import { retrieve } from './retrieve.handler';

export const agentRuntimeRoutes: EmulatorRoute[] = [
  {
    method: 'POST',
    pattern: '/agents/{agentId}/agentAliases/{agentAliasId}/sessions/{sessionId}/text',
    handler: invokeAgent,
  },
  {
    method: 'POST',
    pattern: '/knowledgebases/{knowledgeBaseId}/retrieve',
    handler: retrieve,
  },
  { method: 'POST', pattern: '/retrieveAndGenerate', handler: retrieveAndGenerate },
  { method: 'POST', pattern: '/rerank', handler: rerank },
];
