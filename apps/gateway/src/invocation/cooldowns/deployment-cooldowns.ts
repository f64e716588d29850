// Cooldowns, LiteLLM's way: a deployment that fails more than `allowed_fails` times within a minute
// (429, upstream 5xx, timeouts, network failures) leaves the rotation for `cooldown_time` (the
// deployment's litellm_params.cooldown_time, else router_settings'), then comes back by itself. A model's
// only deployment is never cooled down (LiteLLM exempts single-deployment model groups): taking it out
// would turn "throttled, retry" into "nothing to call". Starting a cooldown clears the failure count, so
// a deployment that returns starts afresh.
//
// The hot path reads one in-process map (empty map: nothing to do). With REDIS_URL, failures are also
// counted in Redis and cooldowns announced there, both fire-and-forget; every instance keeps its own map
// from the announcements (cooldown-broadcast.ts).
import type { Logger } from 'pino';
import type { CooldownSettings } from '../../platform/config/cooldown-settings';
import { DeploymentStates, type DeploymentState } from '../../tenancy/model-listings/deployment-states';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { allDeploymentsCoolingDown } from './all-cooling-down';
import { FAILURE_WINDOW_MS, type CooldownBroadcast } from './cooldown-broadcast';

interface FailureWindow {
  startedAt: number;
  count: number;
}

export class DeploymentCooldowns extends DeploymentStates {
  /** Deployment id → when it rejoins the rotation (ms since the epoch). */
  private readonly until = new Map<string, number>();
  private readonly failures = new Map<string, FailureWindow>();

  constructor(
    readonly settings: CooldownSettings,
    private readonly broadcast: CooldownBroadcast | undefined,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Joins the other instances (Nest calls it at start); without Redis, cooldowns stay this instance's. */
  async onModuleInit(): Promise<void> {
    try {
      await this.broadcast?.start((deploymentId, remainingMs) => {
        this.failures.delete(deploymentId);
        this.until.set(deploymentId, Math.max(this.until.get(deploymentId) ?? 0, this.now() + remainingMs));
      });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'cooldowns are not shared: Redis is not reachable');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.broadcast?.stop();
  }

  /**
   * The candidates that are not cooling down, in their order. A single candidate is never filtered.
   * @throws OpenAIError 429 when every candidate is cooling down (with when the first returns).
   */
  available(modelName: string, candidates: readonly ResolvedDeployment[]): readonly ResolvedDeployment[] {
    if (this.until.size === 0 || candidates.length < 2) return candidates;
    const now = this.now();
    let firstBackAt = Infinity;
    const healthy = candidates.filter((candidate) => {
      const backAt = this.coolingUntil(candidate.deployment.id, now);
      if (backAt !== undefined) firstBackAt = Math.min(firstBackAt, backAt);
      return backAt === undefined;
    });
    if (healthy.length === 0) throw allDeploymentsCoolingDown(modelName, firstBackAt, now);
    return healthy.length === candidates.length ? candidates : healthy;
  }

  isAvailable(deployment: ResolvedDeployment): boolean {
    return this.until.size === 0 || this.coolingUntil(deployment.deployment.id, this.now()) === undefined;
  }

  /** One failed attempt that counts against the deployment (cooldown-failure.ts decides which do). */
  recordFailure(deployment: ResolvedDeployment, modelDeployments: number): void {
    if (this.settings.disabled || modelDeployments < 2) return;
    const id = deployment.deployment.id;
    const now = this.now();
    if (this.coolingUntil(id, now) !== undefined) return;
    let window = this.failures.get(id);
    if (!window || now - window.startedAt >= FAILURE_WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.failures.set(id, window);
    }
    window.count++;
    const durationMs = this.cooldownTimeMs(deployment);
    if (window.count > this.settings.allowedFails) {
      this.begin(id, durationMs);
      return;
    }
    // Other instances' failures count too: the shared count may cross the line before this one does.
    this.broadcast
      ?.countFailure(id)
      .then((shared) => {
        if (shared > this.settings.allowedFails && this.coolingUntil(id, this.now()) === undefined)
          this.begin(id, durationMs);
      })
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'could not share a deployment failure'),
      );
  }

  stateOf(deploymentId: string): DeploymentState {
    const backAt = this.coolingUntil(deploymentId, this.now());
    return backAt === undefined
      ? { status: 'healthy' }
      : { status: 'cooling_down', cooldownUntil: new Date(backAt) };
  }

  private begin(id: string, durationMs: number): void {
    this.failures.delete(id);
    if (durationMs <= 0) return;
    this.until.set(id, this.now() + durationMs);
    this.logger.warn(
      { modelId: id, cooldownMs: durationMs },
      'deployment cooling down after repeated failures',
    );
    this.broadcast
      ?.announce(id, durationMs)
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'could not share a cooldown'));
  }

  /** When the deployment returns, or undefined if it is in the rotation (expired entries are dropped). */
  private coolingUntil(id: string, now: number): number | undefined {
    const backAt = this.until.get(id);
    if (backAt === undefined) return undefined;
    if (backAt > now) return backAt;
    this.until.delete(id);
    return undefined;
  }

  private cooldownTimeMs(deployment: ResolvedDeployment): number {
    const own = deployment.deployment.litellmParams.cooldown_time;
    return typeof own === 'number' && Number.isFinite(own) && own >= 0
      ? Math.round(own * 1000)
      : this.settings.cooldownTimeMs;
  }
}
