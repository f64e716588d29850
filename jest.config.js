// One jest run covers unit specs (beside the code) and end-to-end specs (test/).
// @swc/jest keeps decorator metadata, so Nest DI works in tests exactly as in the build.
const swcConfig = {
  swcrc: false, // .swcrc excludes specs from the build; tests must not inherit that
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    '^@quarry/(bedrock|openai|db)$': '<rootDir>/libs/$1/src',
    '^@quarry/(bedrock|openai|db)/(.*)$': '<rootDir>/libs/$1/src/$2',
    // Test-only helpers: for specs, never part of the build (.swcrc excludes libs/testing).
    '^@quarry/testing$': '<rootDir>/libs/testing/src',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
