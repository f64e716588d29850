// GET /health: every deployment probed at once (a few at a time), answered in LiteLLM's shape —
// healthy_endpoints, unhealthy_endpoints and their counts — plus each deployment's cooldown state and the
// deployments not probed. An entry names the deployment (model, id, region, mode), never its credentials
// or endpoint; an error is the mapped, scrubbed message a client would see.
import { Injectable } from '@nestjs/common';
import { CallDeadline } from '../../invocation/attempts/call-deadline';
import { DeploymentCooldowns } from '../../invocation/cooldowns/deployment-cooldowns';
import { DeploymentResolver } from '../../invocation/deployments/deployment-resolver';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { toInvocationError } from '../../invocation/errors/invocation-error';
import { ModelRegistry } from '../../tenancy/models/model-registry';
import { deploymentStateJson } from '../../tenancy/model-listings/deployment-states';
import { probe, unprobedReason } from './deployment-probe';

/** Probes in flight at once: enough to finish quickly, few enough not to look like a burst to Bedrock. */
const PROBES_AT_ONCE = 4;
/** A probe that has not answered by then counts as unhealthy (the deployment's own timeout if shorter). */
const PROBE_TIMEOUT_MS = 30_000;

type Entry = Record<string, unknown>;

@Injectable()
export class DeploymentHealthService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly resolver: DeploymentResolver,
    private readonly cooldowns: DeploymentCooldowns,
  ) {}

  async check(modelName: string | undefined) {
    const deployments =
      modelName === undefined ? this.registry.all() : this.registry.deploymentsFor(modelName);
    const healthy: Entry[] = [];
    const unhealthy: Entry[] = [];
    const unchecked: Entry[] = [];
    await forEachAtMost(PROBES_AT_ONCE, deployments, async (deployment) => {
      let resolved: ResolvedDeployment;
      try {
        resolved = this.resolver.resolve(deployment);
      } catch (error) {
        unhealthy.push({ ...this.describe(deployment), error: toInvocationError(error).message });
        return;
      }
      const entry = this.describe(deployment, resolved);
      const reason = unprobedReason(resolved);
      if (reason !== undefined) return void unchecked.push({ ...entry, reason });
      const deadline = new CallDeadline(Math.min(resolved.timeoutMs, PROBE_TIMEOUT_MS));
      try {
        await probe(resolved, deadline.signal);
        healthy.push(entry);
      } catch (error) {
        unhealthy.push({ ...entry, error: toInvocationError(error, { deadline: deadline.signal }).message });
      } finally {
        deadline.dispose();
      }
    });
    return {
      healthy_endpoints: healthy,
      unhealthy_endpoints: unhealthy,
      unchecked_endpoints: unchecked,
      healthy_count: healthy.length,
      unhealthy_count: unhealthy.length,
    };
  }

  private describe(deployment: ResolvedDeployment['deployment'], resolved?: ResolvedDeployment): Entry {
    const model = deployment.litellmParams.model;
    return {
      model: typeof model === 'string' ? model : null,
      model_name: deployment.modelName,
      model_id: deployment.id,
      aws_region_name: resolved?.region ?? null,
      mode: resolved?.mode ?? null,
      ...deploymentStateJson(this.cooldowns.stateOf(deployment.id)),
    };
  }
}

async function forEachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
