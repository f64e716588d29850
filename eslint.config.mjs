import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import quarry from './eslint/quarry-boundaries.mjs';

/** Node's globals, for the plain JavaScript scripts (TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'require',
    '__dirname',
    'fetch',
    'Headers',
    'Response',
    'AbortController',
    'AbortSignal',
    'TextDecoder',
    'TextEncoder',
    'performance',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.quarry', 'coverage', 'libs/db/src/generated', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Architecture (DESIGN.md §3): see eslint/quarry-boundaries.mjs.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts'],
    plugins: { quarry },
    rules: { 'quarry/boundaries': 'error', 'quarry/no-folder-cycles': 'error' },
  },
  {
    // The translation libraries are framework-free: configuration reaches them as arguments.
    files: ['libs/bedrock/**/*.ts', 'libs/openai/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', '@prisma/*', '@quarry/db', '**/generated/*'] },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'libs/bedrock and libs/openai take configuration as arguments',
        },
      ],
    },
  },
  {
    // Type-aware checks for source files: every switch over a union names every member (or has a default).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // One concept per file: a source file past 300 lines is asking to be split (DESIGN.md §5).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...nodeGlobals, module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
