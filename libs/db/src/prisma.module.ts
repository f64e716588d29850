import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';

import { DATABASE_URL_TOKEN } from './database-url.token';
import { PrismaService } from './prisma.service';

export interface PrismaModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: any[];
  /** Returns the Postgres connection string, typically from the app's validated config. */
  useFactory: (...dependencies: any[]) => string | Promise<string>;
}

/**
 * Provides one PrismaService for the whole app (global: every feature module's repositories share the
 * pool). Import once in the root module.
 */
@Global()
@Module({})
export class PrismaModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PrismaModule,
      providers: [{ provide: DATABASE_URL_TOKEN, useValue: checkedDatabaseUrl(databaseUrl) }, PrismaService],
      exports: [PrismaService],
    };
  }

  static forRootAsync(options: PrismaModuleAsyncOptions): DynamicModule {
    return {
      module: PrismaModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: DATABASE_URL_TOKEN,
          inject: options.inject ?? [],
          useFactory: async (...dependencies: unknown[]) =>
            checkedDatabaseUrl(await options.useFactory(...dependencies)),
        },
        PrismaService,
      ],
      exports: [PrismaService],
    };
  }
}

/** Rejects what would otherwise surface later as an obscure pg connection error. */
function checkedDatabaseUrl(databaseUrl: unknown): string {
  if (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl.trim())) {
    throw new Error('DATABASE_URL must be a postgresql:// connection string');
  }
  return databaseUrl.trim();
}
