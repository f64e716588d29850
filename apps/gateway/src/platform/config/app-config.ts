// The gateway's whole configuration: environment variables plus the optional LiteLLM config.yaml.
// Validated once, before anything starts (loadAppConfig is AppConfigModule's validate function, run by
// @nestjs/config's ConfigModule); a ConfigError stops the process with every problem listed.
import { ConfigError } from './config-error';
import { loadEnvConfig, type EnvConfig } from './env-config';
import type { ConfigModel } from './deployment-validator';
import { DEFAULT_SETTINGS, readLiteLLMConfigFile, type GatewaySettings } from './litellm-config-file';
import { DEFAULT_ROUTER_SETTINGS, type RouterSettings } from './router-settings';

export interface AppConfig extends EnvConfig {
  masterKey: string;
  settings: GatewaySettings;
  /** config.yaml's router_settings: how deployments sharing a model_name are chosen. */
  router: RouterSettings;
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
    router: file?.router ?? DEFAULT_ROUTER_SETTINGS,
    configModels: file?.models ?? [],
    warnings: file?.warnings ?? [],
  };
}
