// The gateway's whole configuration: environment variables plus the optional LiteLLM config.yaml.
// Validated once, before anything starts (loadAppConfig is AppConfigModule's validate function, run by
// @nestjs/config's ConfigModule); a ConfigError stops the process with every problem listed.
import { ConfigError } from './config-error';
import { loadEnvConfig, type EnvConfig } from './env-config';
import type { ConfigModel } from './deployment-validator';
import { DEFAULT_SETTINGS, readLiteLLMConfigFile, type GatewaySettings } from './litellm-config-file';

export interface AppConfig extends EnvConfig {
  masterKey: string;
  settings: GatewaySettings;
  /** Deployments from config.yaml, upserted into the database at start-up. */
  configModels: ConfigModel[];
  warnings: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const envConfig = loadEnvConfig(env);
  const file = envConfig.configPath ? readLiteLLMConfigFile(envConfig.configPath, env) : undefined;
  const masterKey = envConfig.masterKey ?? file?.masterKey;
  if (!masterKey) {
    throw new ConfigError([
      'QUARRY_MASTER_KEY is required (LITELLM_MASTER_KEY or general_settings.master_key in QUARRY_CONFIG also work); it must start with "sk-"',
    ]);
  }
  return {
    ...envConfig,
    masterKey,
    settings: file?.settings ?? { ...DEFAULT_SETTINGS },
    configModels: file?.models ?? [],
    warnings: file?.warnings ?? [],
  };
}
