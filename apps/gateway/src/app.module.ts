import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { PrismaModule } from '@quarry/db';
import { ApiKeyGuard } from './tenancy/auth/api-key.guard';
import { AuthModule } from './tenancy/auth/auth.module';
import { ChatModule } from './surfaces/chat/chat.module';
import { MessagesModule } from './surfaces/messages/messages.module';
import { EmbeddingsModule } from './surfaces/embeddings/embeddings.module';
import { ImagesModule } from './surfaces/images/images.module';
import { RerankModule } from './surfaces/rerank/rerank.module';
import { FilesModule } from './surfaces/files/files.module';
import { BatchesModule } from './surfaces/batches/batches.module';
import { PassthroughModule } from './surfaces/passthrough/passthrough.module';
import { DeploymentHealthModule } from './surfaces/health/deployment-health.module';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { OpenAIExceptionFilter } from './platform/errors/openai-exception.filter';
import { LOGGER } from './platform/logging/logger.token';
import { HealthController } from './platform/health/health.controller';
import { GracefulShutdown } from './platform/shutdown/graceful-shutdown';
import { ShutdownDrains } from './platform/shutdown/shutdown-drains';
import { ShutdownSignal } from './platform/shutdown/shutdown-signal';
import { SpendModule } from './spend/spend.module';
import { SpendReportsModule } from './spend/reports/spend-reports.module';
import { KeysModule } from './tenancy/keys/keys.module';
import { AccessModule } from './tenancy/access/access.module';
import { ModelListingsModule } from './tenancy/model-listings/model-listings.module';
import { ModelsModule } from './tenancy/models/models.module';
import { TeamsModule } from './tenancy/teams/teams.module';
import { UsersModule } from './tenancy/users/users.module';
import { EndUsersModule } from './tenancy/end-users/end-users.module';

@Module({})
export class AppModule {
  /** `configModule` from AppConfigModule.load(): it provides APP_CONFIG to every module. */
  static forRoot(configModule: DynamicModule, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        configModule,
        PrismaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => config.databaseUrl,
        }),
        AuthModule,
        ModelsModule,
        AccessModule,
        ModelListingsModule,
        KeysModule,
        TeamsModule,
        UsersModule,
        EndUsersModule,
        ChatModule,
        MessagesModule,
        EmbeddingsModule,
        ImagesModule,
        RerankModule,
        FilesModule,
        BatchesModule,
        PassthroughModule,
        DeploymentHealthModule,
        SpendModule,
        SpendReportsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: APP_FILTER, useFactory: () => new OpenAIExceptionFilter(logger) },
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        GracefulShutdown,
        ShutdownSignal,
        ShutdownDrains,
      ],
      exports: [LOGGER, ShutdownSignal, ShutdownDrains],
    };
  }
}
