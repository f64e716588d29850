// The gateway's configuration through @nestjs/config. ConfigModule reads the environment and validates it
// with loadAppConfig: every bad variable is reported at once, in a ConfigError thrown before the application
// is built (main.ts prints it and exits with 1). Services inject the typed result as APP_CONFIG; it comes
// from ConfigService.
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, loadAppConfig, type AppConfig } from './app-config';

/**
 * Where the validated AppConfig sits in ConfigService. One object under one key: ConfigModule copies the
 * validated values that are strings, numbers or booleans into process.env, and this leaves it nothing to
 * copy (the master key must not reach child processes under a new name).
 */
const APP_CONFIG_PATH = 'quarry';

export interface LoadedConfig {
  /** Import once, in the root module: provides APP_CONFIG (and ConfigService) everywhere. */
  configModule: DynamicModule;
  /** The same validated configuration, for what exists before the container: the logger, the HTTP server. */
  config: AppConfig;
}

@Module({})
export class AppConfigModule {
  /**
   * Validates the environment, or `env` when given: tests and scripts pass their own variables, so that
   * gateways with different settings can run in one process. No .env file is read.
   * @throws ConfigError naming every bad variable.
   */
  static async load(env?: NodeJS.ProcessEnv): Promise<LoadedConfig> {
    let validated: AppConfig | undefined;
    const configModule = await ConfigModule.forRoot({
      ignoreEnvFile: true,
      // With variables of its own, the caller's are the ones to validate, not process.env.
      validatePredefined: env === undefined,
      validate: (variables) => {
        validated = loadAppConfig(env ?? variables);
        return { [APP_CONFIG_PATH]: validated };
      },
    });
    return {
      config: validated!,
      configModule: {
        module: AppConfigModule,
        global: true,
        imports: [configModule],
        providers: [
          {
            provide: APP_CONFIG,
            inject: [ConfigService],
            useFactory: (configService: ConfigService) =>
              configService.getOrThrow<AppConfig>(APP_CONFIG_PATH),
          },
        ],
        exports: [APP_CONFIG, configModule],
      },
    };
  }
}
