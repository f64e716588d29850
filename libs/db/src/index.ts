// The data layer shared by the gateway and the worker: the Nest provider, repositories (tenant scope
// first), the spend store, and the plain records they read and write. Callers never see the Prisma client's
// types: only this library touches the generated client. `PrismaClient` is exported for tests and tools
// that need a connection outside Nest.
export { DATABASE_URL_TOKEN } from './database-url.token';
export { PrismaModule, type PrismaModuleAsyncOptions } from './prisma.module';
export { PrismaService } from './prisma.service';
export { PrismaClient } from './generated/client';

export type { JsonObject, JsonValue } from './records/json-value';
export { USER_ROLES, type ModelSource, type TeamRole, type UserRole } from './records/roles';
export type { LimitChanges, LimitColumns } from './records/limit-columns';
export type { KeyChanges, KeyRecord, KeyWithOwners, ModelBudget, NewKey } from './records/key.record';
export type {
  MemberChanges,
  MemberReference,
  NewTeam,
  TeamChanges,
  TeamMember,
  TeamRecord,
  TeamWithMembers,
} from './records/team.record';
export type { NewUser, UserChanges, UserRecord, UserWithTeams } from './records/user.record';
export type {
  DeploymentChanges,
  ModelDeploymentRecord,
  NewModelDeployment,
} from './records/model-deployment.record';

export { ALL_KEYS, type KeyScope } from './scopes/key-scope';
export { ALL_TEAMS, type TeamScope } from './scopes/team-scope';
export { ALL_USERS, type UserScope } from './scopes/user-scope';
export type { SpendScope } from './scopes/spend-scope';

export { UniqueViolationError, type UniqueField } from './errors/unique-violation.error';
export { OutOfScopeError } from './errors/out-of-scope.error';
export { isDatabaseUnavailable, isRetryableDatabaseError } from './errors/database-unavailable';

export { KeysRepository, type KeyListFilter, type KeyReference } from './repositories/keys.repository';
export { TeamsRepository } from './repositories/teams.repository';
export { UsersRepository, type UserListFilter } from './repositories/users.repository';
export { ModelDeploymentsRepository } from './repositories/model-deployments.repository';
export { EndUsersRepository } from './repositories/end-users.repository';
export type { EndUserChanges, EndUserRecord, EndUserScope } from './records/end-user.record';

export type { SpendRecord } from './spend/spend-record';
export { pairId, SPEND_TOTAL_KINDS, SpendTotals, type SpendTotalKind } from './spend/spend-totals';
export type { SpendStore } from './spend/spend-store';
export { PrismaSpendStore } from './spend/prisma-spend-store';
export { SpendBalancesReader, type SpendBalances, type SpendOwners } from './spend/spend-balances';
export {
  BudgetLedger,
  type BudgetOwner,
  type BudgetOwnerIds,
  type BudgetState,
  type BudgetStates,
} from './spend/budget-ledger';
export { storableText } from './spend/storable-text';
export type { SpendFilter } from './spend/spend-filter';
export {
  SpendLogsRepository,
  type SpendLogCursor,
  type SpendLogEntry,
  type TimeRange,
} from './spend/spend-logs.repository';
export {
  DailySpendReportRepository,
  type DailySpendGroup,
  type DayRange,
  type SpendDimension,
} from './spend/daily-spend-report.repository';
export { SpendRankingsRepository } from './spend/spend-rankings.repository';

export type { OwnerScope } from './batches/owner-scope';
export type {
  BatchFileRecord,
  InputFileContent,
  ListPage,
  NewBatchFile,
  NewInputFile,
} from './batches/batch-file.record';
export type { BatchProgress, BatchRecord, NewBatch } from './batches/batch.record';
export { BatchFilesRepository } from './batches/batch-files.repository';
export { BatchesRepository, type BatchCollection } from './batches/batches.repository';
