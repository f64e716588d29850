import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { PrismaModule } from '@quarry/db';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { ChatModule } from './chat/chat.module';
import { APP_CONFIG, type AppConfig } from './common/config/app-config';
import { OpenAIExceptionFilter } from './common/errors/openai-exception.filter';
import { LOGGER } from './common/logging/logger.token';
import { HealthController } from './health/health.controller';
import { GracefulShutdown } from './common/shutdown/graceful-shutdown';
import { ShutdownSignal } from './common/shutdown/shutdown-signal';
import { SpendModule } from './spend/spend.module';
import { KeysModule } from './keys/keys.module';
import { ModelsModule } from './models/models.module';
import { TeamsModule } from './teams/teams.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        PrismaModule.forRoot(config.databaseUrl),
        AuthModule,
        ModelsModule,
        KeysModule,
        TeamsModule,
        UsersModule,
        ChatModule,
        SpendModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: APP_FILTER, useFactory: () => new OpenAIExceptionFilter(logger) },
        { provide: APP_GUARD, useExisting: ApiKeyGuard },
        GracefulShutdown,
        ShutdownSignal,
      ],
      exports: [APP_CONFIG, LOGGER, ShutdownSignal],
    };
  }
}
