// Prisma 7 reads the connection string from here, not from schema.prisma. The default only lets
// `prisma generate` run on a machine without a database; migrations always name DATABASE_URL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry' },
});
