import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';

import { DATABASE_URL_TOKEN } from './database-url.token';
import { PrismaService } from './prisma.service';
import { EndUsersRepository } from './repositories/end-users.repository';
import { BatchFilesRepository } from './batches/batch-files.repository';
import { BatchesRepository } from './batches/batches.repository';
import { KeysRepository } from './repositories/keys.repository';
import { ModelDeploymentsRepository } from './repositories/model-deployments.repository';
import { TeamsRepository } from './repositories/teams.repository';
import { UsersRepository } from './repositories/users.repository';
import { BudgetLedger } from './spend/budget-ledger';
import { SpendBalancesReader } from './spend/spend-balances';
import { PrismaSpendStore } from './spend/prisma-spend-store';
import { DailySpendReportRepository } from './spend/daily-spend-report.repository';
import { SpendLogsRepository } from './spend/spend-logs.repository';
import { SpendRankingsRepository } from './spend/spend-rankings.repository';

export interface PrismaModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: any[];
  /** Returns the Postgres connection string, typically from the app's validated config. */
  useFactory: (...dependencies: any[]) => string | Promise<string>;
}

/** What the module provides to the whole app: the client and everything built on it. */
const DATA_PROVIDERS = [
  PrismaService,
  KeysRepository,
  TeamsRepository,
  UsersRepository,
  ModelDeploymentsRepository,
  EndUsersRepository,
  PrismaSpendStore,
  SpendBalancesReader,
  SpendLogsRepository,
  DailySpendReportRepository,
  SpendRankingsRepository,
  BudgetLedger,
  BatchFilesRepository,
  BatchesRepository,
];

/**
 * Provides one PrismaService and the repositories and spend store on it for the whole app (global: they
 * share one pool). Import once in the root module.
 */
@Global()
@Module({})
export class PrismaModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PrismaModule,
      providers: [
        { provide: DATABASE_URL_TOKEN, useValue: checkedDatabaseUrl(databaseUrl) },
        ...DATA_PROVIDERS,
      ],
      exports: DATA_PROVIDERS,
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
        ...DATA_PROVIDERS,
      ],
      exports: DATA_PROVIDERS,
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
