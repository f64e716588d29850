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

  describe('default region', () => {
    it('is AWS_REGION_NAME (LiteLLM’s name) when AWS_REGION is unset', () => {
      expect(loadEnvConfig({ ...valid, AWS_REGION_NAME: 'eu-west-3' }).awsRegion).toBe('eu-west-3');
    });

    it('is AWS_REGION when both are set', () => {
      const config = loadEnvConfig({ ...valid, AWS_REGION: 'us-west-2', AWS_REGION_NAME: 'eu-west-3' });
      expect(config.awsRegion).toBe('us-west-2');
    });

    it('prefers AWS_REGION_NAME to AWS_DEFAULT_REGION, and ignores a blank AWS_REGION', () => {
      const config = loadEnvConfig({
        ...valid,
        AWS_REGION: ' ',
        AWS_REGION_NAME: 'ap-southeast-2',
        AWS_DEFAULT_REGION: 'ca-central-1',
      });
      expect(config.awsRegion).toBe('ap-southeast-2');
      expect(loadEnvConfig({ ...valid, AWS_DEFAULT_REGION: 'ca-central-1' }).awsRegion).toBe('ca-central-1');
    });
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

  it('never echoes the master key it rejects, wherever it came from', () => {
    const rejected = 'secret-value-without-prefix';
    // Each is refused (the problem names its source), and none of the messages contains the value.
    for (const [env, source] of [
      [{ ...valid, QUARRY_MASTER_KEY: rejected }, 'QUARRY_MASTER_KEY'],
      [{ DATABASE_URL: valid.DATABASE_URL, LITELLM_MASTER_KEY: rejected }, 'LITELLM_MASTER_KEY'],
      [{ ...valid, QUARRY_MASTER_KEY: 'sk-short' }, 'QUARRY_MASTER_KEY'],
    ] as const) {
      const text = problemsOf(env).join('\n');
      expect(text).toContain(source);
      expect(text).not.toContain(env.QUARRY_MASTER_KEY ?? rejected);
    }
    expect(problemsOf({ ...valid, QUARRY_MASTER_KEY: rejected }).join('\n')).toContain(
      'must start with "sk-"',
    );
  });
});

describe('QUARRY_SHUTDOWN_GRACE_SECONDS', () => {
  it('defaults to 25 seconds and takes whole seconds from 0 to 3600', () => {
    expect(loadEnvConfig(valid).shutdownGraceMs).toBe(25_000);
    expect(loadEnvConfig({ ...valid, QUARRY_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceMs).toBe(0);
    expect(loadEnvConfig({ ...valid, QUARRY_SHUTDOWN_GRACE_SECONDS: ' 3600 ' }).shutdownGraceMs).toBe(
      3_600_000,
    );
  });

  it.each(['3601', '-1', '1.5', '10s', 'forever'])('refuses %j', (value) => {
    expect(problemsOf({ ...valid, QUARRY_SHUTDOWN_GRACE_SECONDS: value })).toEqual([
      'QUARRY_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to 3600',
    ]);
  });
});

describe('QUARRY_S3_ENDPOINT and QUARRY_AWS_ENDPOINT', () => {
  it('keep an http(s) URL and leave the endpoints unset otherwise', () => {
    expect(loadEnvConfig(valid)).toMatchObject({ s3Endpoint: undefined, awsEndpoint: undefined });
    expect(
      loadEnvConfig({
        ...valid,
        QUARRY_S3_ENDPOINT: 'http://127.0.0.1:4569',
        QUARRY_AWS_ENDPOINT: 'https://bedrock.example',
      }),
    ).toMatchObject({ s3Endpoint: 'http://127.0.0.1:4569', awsEndpoint: 'https://bedrock.example' });
  });

  it.each(['localhost:9000', 'ftp://files.example', 's3.amazonaws.com'])('refuses %j', (value) => {
    expect(problemsOf({ ...valid, QUARRY_S3_ENDPOINT: value })).toEqual([
      'QUARRY_S3_ENDPOINT must be an http(s) URL',
    ]);
  });
});

describe('QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS', () => {
  it('defaults to on, takes true/false/1/0, and names itself when it is anything else', () => {
    expect(loadEnvConfig(valid).passthroughDefaultCredentials).toBe(true);
    expect(
      loadEnvConfig({ ...valid, QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS: 'false' })
        .passthroughDefaultCredentials,
    ).toBe(false);
    expect(
      loadEnvConfig({ ...valid, QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS: '0' }).passthroughDefaultCredentials,
    ).toBe(false);
    expect(problemsOf({ ...valid, QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS: 'off' })).toEqual([
      'QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS must be true or false',
    ]);
  });
});

describe('LOG_LEVEL', () => {
  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts %s', (level) => {
    expect(loadEnvConfig({ ...valid, LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each(['verbose', 'INFO', 'loud'])('refuses %j, listing the levels', (level) => {
    expect(problemsOf({ ...valid, LOG_LEVEL: level })).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});

describe('QUARRY_CONFIG', () => {
  it('refuses a file that does not exist, naming it', () => {
    expect(problemsOf({ ...valid, QUARRY_CONFIG: '/no/such/quarry-config.yaml' })).toEqual([
      'QUARRY_CONFIG: cannot read /no/such/quarry-config.yaml (ENOENT)',
    ]);
  });
});
