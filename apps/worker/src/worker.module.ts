// The worker's Nest context: the gateway's configuration, data layer and deployment resolution (so a
// deployment resolves to the same credentials, S3 settings and prices in both), and the batch loop.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { PrismaModule } from '@quarry/db';
import { BedrockClients } from '../../gateway/src/invocation/deployments/bedrock-clients';
import { DeploymentResolver } from '../../gateway/src/invocation/deployments/deployment-resolver';
import { APP_CONFIG, type AppConfig } from '../../gateway/src/platform/config/app-config';
import { CacheInvalidationService } from '../../gateway/src/platform/invalidation/cache-invalidation.service';
import { LOGGER } from '../../gateway/src/platform/logging/logger.token';
import { ModelRegistry } from '../../gateway/src/tenancy/models/model-registry';
import { BatchPoller } from './batch-poller';
import { BatchWorker } from './batch-worker';

@Module({})
export class WorkerModule {
  static forRoot(configModule: DynamicModule, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        configModule,
        PrismaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => config.databaseUrl,
        }),
      ],
      providers: [
        { provide: LOGGER, useValue: logger },
        CacheInvalidationService,
        ModelRegistry,
        BedrockClients,
        DeploymentResolver,
        BatchPoller,
        BatchWorker,
      ],
    };
  }
}
