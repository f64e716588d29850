// Guardrails, knowledge bases and agents a call names beside its model. An admin may register them
// (model_list entries `bedrock/guardrail/<id>`, `bedrock/knowledgebase/<id>`, `bedrock/agent/<a>/<b>`,
// with access groups like models); a registered one is usable by the keys that may use its entry. An
// unregistered one is allowed only by the key's own lists, as a model name no deployment has would be
// (`*`, the exact name or a matching wildcard), so a restricted key cannot reach the account's others.
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { ModelCatalog } from '../models/model-catalog';
import { ModelRegistry } from '../models/model-registry';
import { canUseModel } from './model-access-rule';
import { ModelAccessService } from './model-access.service';

@Injectable()
export class RegisteredResourceAccess {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly access: ModelAccessService,
  ) {}

  /** `name` is the resource's registry name without `bedrock/`, e.g. `guardrail/gr-123`. */
  mayUse(principal: Principal, name: string): boolean {
    const registered = this.registry
      .all()
      .filter((candidate) => String(candidate.litellmParams.model).trim() === `bedrock/${name}`);
    if (registered.length === 0) return this.mayUseUnregistered(principal, name);
    return registered.some((candidate) => this.access.canUse(principal, candidate.modelName));
  }

  /** Names no deployment has: only `*`, an exact entry or a matching wildcard allows them (no access groups). */
  mayUseUnregistered(principal: Principal, name: string): boolean {
    return canUseModel(principal, name, unregisteredCatalog([name, `bedrock/${name}`]));
  }
}

/** A guardrail's registry name: an ARN (`arn:…:guardrail/<id>`) names the same guardrail as its id. */
export function guardrailNameOf(identifier: string): string {
  const arn = /^arn:[^:]+:bedrock:[^:]*:[^:]*:guardrail\/([^/]+)$/.exec(identifier);
  return `guardrail/${arn ? arn[1] : identifier}`;
}

function unregisteredCatalog(names: string[]): ModelCatalog {
  return {
    hasModel: () => false,
    accessGroupsOf: () => [],
    modelsInAccessGroup: () => [],
    wildcardNamesOf: () => names,
  };
}
