/**
 * Injection token for the Postgres connection string. The app reads DATABASE_URL from its validated
 * config and hands it in (PrismaModule.forRoot / forRootAsync); libs/db never reads process.env.
 */
export const DATABASE_URL_TOKEN = Symbol('DATABASE_URL');
