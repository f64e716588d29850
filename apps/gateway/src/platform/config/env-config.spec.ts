import path from 'node:path';
import { ConfigError } from './config-error';
import { loadEnvConfig } from './env-config';
import { loadAppConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/quarry',
  QUARRY_MASTER_KEY: 'sk-test-master-key',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('environment configuration', () => {
  it('applies defaults when only the required variables are set', () => {
    const config = loadEnvConfig(valid);
    expect(config).toMatchObject({
      port: 4000,
      awsRegion: 'us-east-1',
      logLevel: 'info',
      redisUrl: undefined,
      dataDir: path.resolve('.quarry'),
    });
    expect(loadEnvConfig({ ...valid, QUARRY_DATA_DIR: '/var/lib/quarry' }).dataDir).toBe('/var/lib/quarry');
  });

  it('accepts LITELLM_MASTER_KEY as the master key', () => {
    const config = loadAppConfig({
      DATABASE_URL: valid.DATABASE_URL,
      LITELLM_MASTER_KEY: 'sk-litellm-style-key',
    });
    expect(config.masterKey).toBe('sk-litellm-style-key');
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      QUARRY_MASTER_KEY: 'not-a-key',
      PORT: 'eighty',
      REDIS_URL: 'http://redis',
      QUARRY_AWS_ENDPOINT: 'localhost:4010',
    });
    const text = problems.join('\n');
    for (const name of ['DATABASE_URL', 'QUARRY_MASTER_KEY', 'PORT', 'REDIS_URL', 'QUARRY_AWS_ENDPOINT']) {
      expect(text).toContain(name);
    }
  });

  it('requires a database and a master key', () => {
    const text = problemsOf({}).join('\n');
    expect(text).toContain('DATABASE_URL is required');
    // The master key is checked once the environment itself is valid.
    expect(problemsOf({ DATABASE_URL: valid.DATABASE_URL }).join('\n')).toContain(
      'QUARRY_MASTER_KEY is required',
    );
  });

  it('never echoes the master key it rejects', () => {
    const text = problemsOf({ ...valid, QUARRY_MASTER_KEY: 'secret-value-without-prefix' }).join('\n');
    expect(text).not.toContain('secret-value-without-prefix');
  });
});
