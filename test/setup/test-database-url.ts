// Where the jest run's database lives. Kept free of imports so jest's global setup (which does not
// apply moduleNameMapper) can load it as well as the test files.
export const DEFAULT_TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/quarry_test';

export function configuredTestDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;
}
