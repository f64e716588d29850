// The database library: the Nest provider plus the generated client's types (models such as `Team`,
// enums such as `UserRole`, and the `Prisma` namespace with input types and errors).
export { DATABASE_URL_TOKEN } from './database-url.token';
export { PrismaModule, type PrismaModuleAsyncOptions } from './prisma.module';
export { PrismaService } from './prisma.service';
export * from './generated/client';
