// bedrock-runtime operations served by the emulator.
import type { EmulatorRoute } from '../http/types';
import { applyGuardrail } from './apply-guardrail.handler';
import { converse, converseStream } from './converse.handler';
import { countTokens } from './count-tokens.handler';
import { invokeModel, invokeModelWithResponseStream } from './invoke-model.handler';

export const runtimeRoutes: EmulatorRoute[] = [
  { method: 'POST', pattern: '/model/{modelId}/converse', handler: converse },
  { method: 'POST', pattern: '/model/{modelId}/converse-stream', handler: converseStream },
  { method: 'POST', pattern: '/model/{modelId}/invoke', handler: invokeModel },
  {
    method: 'POST',
    pattern: '/model/{modelId}/invoke-with-response-stream',
    handler: invokeModelWithResponseStream,
  },
  { method: 'POST', pattern: '/model/{modelId}/count-tokens', handler: countTokens },
  {
    method: 'POST',
    pattern: '/guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply',
    handler: applyGuardrail,
  },
];
