// The shared invocation pipeline and its steps. Surfaces import this module and inject InvocationPipeline.
// The router and the limits are provided by their abstract classes, so a strategy or another
// implementation replaces one provider here and nothing else. InvocationLimits is exported for the
// routes that call Bedrock outside the pipeline (passthrough, batch creation): see invocation-limits.ts.
import { Module } from '@nestjs/common';
import { SpendModule } from '../spend/spend.module';
import { BedrockClients } from './deployments/bedrock-clients';
import { DeploymentResolver } from './deployments/deployment-resolver';
import { DeploymentAttempts } from './attempts/deployment-attempts';
import { FallbackPlanner } from './fallbacks/fallback-planner';
import { InvocationPipeline } from './invocation-pipeline';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger.token';
import { EndUserDirectory } from '../tenancy/end-users/end-user-directory';
import { DeploymentCooldowns } from './cooldowns/deployment-cooldowns';
import { RedisCooldownBroadcast } from './cooldowns/redis-cooldown-broadcast';
import { BudgetGuard } from './limits/budget-guard';
import { BudgetResetSweep } from './limits/budget-reset-sweep';
import { LimitCounters } from './limits/counters/limit-counters';
import { MemoryLimitCounters } from './limits/counters/memory-limit-counters';
import { RedisLimitCounters } from './limits/counters/redis-limit-counters';
import { EnforcedLimits } from './limits/enforced-limits';
import { InvocationLimits } from './limits/invocation-limits';
import { DeploymentRouter } from './routing/deployment-router';
import { routerFor } from './routing/routers-by-strategy';

@Module({
  imports: [SpendModule],
  providers: [
    BedrockClients,
    DeploymentResolver,
    InvocationPipeline,
    FallbackPlanner,
    DeploymentAttempts,
    {
      // router_settings.routing_strategy picks the strategy (simple-shuffle by default).
      provide: DeploymentRouter,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => routerFor(config.router),
    },
    BudgetGuard,
    BudgetResetSweep,
    EndUserDirectory,
    {
      // With REDIS_URL the counters are shared by every instance; without, they are this process's.
      provide: LimitCounters,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        config.redisUrl ? new RedisLimitCounters(config.redisUrl, logger) : new MemoryLimitCounters(),
    },
    { provide: InvocationLimits, useClass: EnforcedLimits },
    {
      // With REDIS_URL a cooldown one instance starts is kept by every instance.
      provide: DeploymentCooldowns,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        new DeploymentCooldowns(
          config.settings.cooldowns,
          config.redisUrl ? new RedisCooldownBroadcast(config.redisUrl, logger) : undefined,
          logger,
        ),
    },
  ],
  exports: [
    InvocationPipeline,
    DeploymentResolver,
    BedrockClients,
    DeploymentRouter,
    InvocationLimits,
    DeploymentCooldowns,
  ],
})
export class InvocationModule {}
