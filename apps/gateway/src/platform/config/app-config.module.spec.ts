import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, type AppConfig } from './app-config';
import { AppConfigModule } from './app-config.module';
import { ConfigError } from './config-error';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/quarry',
  QUARRY_MASTER_KEY: 'sk-config-module-master-key',
};

async function problemsOf(env?: NodeJS.ProcessEnv): Promise<string[]> {
  const error = await AppConfigModule.load(env).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.problems;
}

/** Runs `body` with these variables set in process.env, and restores process.env afterwards. */
async function withProcessEnv<T>(variables: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, variables);
  try {
    return await body();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

describe('AppConfigModule (configuration through @nestjs/config)', () => {
  it('provides the validated, typed configuration as APP_CONFIG, from ConfigService', async () => {
    const { configModule, config } = await AppConfigModule.load({ ...valid, PORT: '4100' });
    const moduleRef = await Test.createTestingModule({ imports: [configModule] }).compile();
    const injected = moduleRef.get<AppConfig>(APP_CONFIG);
    expect(injected).toBe(config);
    expect(injected).toMatchObject({
      port: 4100,
      masterKey: valid.QUARRY_MASTER_KEY,
      awsRegion: 'us-east-1',
    });
    expect(moduleRef.get(ConfigService).get('quarry')).toBe(injected);
    await moduleRef.close();
  });

  it('reports every bad variable at once, in a ConfigError', async () => {
    const problems = await problemsOf({
      DATABASE_URL: 'mysql://x',
      QUARRY_MASTER_KEY: 'not-a-key',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    const text = problems.join('\n');
    for (const name of ['DATABASE_URL', 'QUARRY_MASTER_KEY', 'PORT', 'LOG_LEVEL'])
      expect(text).toContain(name);
    expect(problems).toHaveLength(4);
  });

  it('validates process.env when given no variables of its own', async () => {
    const config = await withProcessEnv(
      { ...valid, AWS_REGION: '', AWS_REGION_NAME: 'eu-north-1', PORT: '4200' },
      async () => (await AppConfigModule.load()).config,
    );
    expect(config).toMatchObject({ port: 4200, awsRegion: 'eu-north-1' });
    await withProcessEnv({ DATABASE_URL: 'mysql://x' }, async () => {
      expect((await problemsOf(undefined)).join('\n')).toContain('DATABASE_URL');
    });
  });

  it('reads AWS_REGION_NAME as the default region, and AWS_REGION over it', async () => {
    expect((await AppConfigModule.load({ ...valid, AWS_REGION_NAME: 'eu-west-3' })).config.awsRegion).toBe(
      'eu-west-3',
    );
    const both = await AppConfigModule.load({
      ...valid,
      AWS_REGION: 'us-west-2',
      AWS_REGION_NAME: 'eu-west-3',
    });
    expect(both.config.awsRegion).toBe('us-west-2');
  });

  it('copies none of the configuration into process.env', async () => {
    const before = { ...process.env };
    await AppConfigModule.load({ ...valid, QUARRY_MASTER_KEY: 'sk-must-not-leak-into-env' });
    expect(process.env).toEqual(before);
    expect(Object.values(process.env)).not.toContain('sk-must-not-leak-into-env');
  });
});
