// A client's own `guardrailConfig` (LiteLLM lets chat requests carry one) runs a guardrail in the
// deployment's AWS account: the key must be allowed that guardrail exactly as /bedrock would allow it,
// so a restricted key cannot apply (and read the trace of) a guardrail another team registered. The
// refusal is the same whether the guardrail exists or not. Malformed configs are left to the
// translation, which names the bad field.
import { OpenAIError } from '@quarry/openai';
import type { Principal } from '../../tenancy/auth/principal';
import {
  guardrailNameOf,
  type RegisteredResourceAccess,
} from '../../tenancy/access/registered-resource-access';

export function checkRequestedGuardrail(
  resources: RegisteredResourceAccess,
  principal: Principal,
  guardrailConfig: unknown,
): void {
  if (typeof guardrailConfig !== 'object' || guardrailConfig === null) return;
  const identifier = (guardrailConfig as { guardrailIdentifier?: unknown }).guardrailIdentifier;
  if (typeof identifier !== 'string' || identifier === '') return;
  if (resources.mayUse(principal, guardrailNameOf(identifier))) return;
  throw new OpenAIError(
    403,
    `This API key is not allowed to use the guardrail '${identifier}'.`,
    'permission_error',
    'guardrailConfig.guardrailIdentifier',
    'guardrail_not_allowed',
  );
}
