// Reads a LiteLLM-format config.yaml: model_list, general_settings.master_key, litellm_settings.
// A bad file stops start-up with the line and field at fault; unknown sections are reported as warnings
// (LiteLLM configs carry many settings Quarry does not use, and refusing them would break migrations).
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error';
import {
  COOLDOWN_LITELLM_SETTINGS,
  DEFAULT_COOLDOWN_SETTINGS,
  readCooldownSettings,
  type CooldownSettings,
} from './cooldown-settings';
import { envReferenceName, isEnvReference } from './env-reference';
import { unusedSettingMessage } from './deployment-settings';
import { validateDeploymentEntry, type ConfigModel } from './deployment-validator';
import { masterKeyProblems } from './env-config';
import { isObject } from './is-object';
import {
  FALLBACK_SETTING_KEYS,
  NO_FALLBACKS,
  readFallbackSettings,
  type FallbackSettings,
} from './fallback-settings';
import { readRouterSettings, type RouterSettings } from './router-settings';
import { TIMEOUT_SETTING_KEYS, readTimeoutSettings } from './timeout-settings';

export interface GatewaySettings {
  dropParams: boolean;
  modifyParams: boolean;
  numRetries: number;
  requestTimeoutMs: number;
  /** Retries and cooldowns (router_settings / litellm_settings): cooldown-settings.ts. */
  cooldowns: CooldownSettings;
  /** Longest silence of a stream (before its first chunk or between chunks); undefined: none. */
  streamTimeoutMs?: number;
  fallbacks: FallbackSettings;
}

export const DEFAULT_SETTINGS: GatewaySettings = {
  dropParams: false,
  modifyParams: false,
  numRetries: 2,
  requestTimeoutMs: 600_000,
  cooldowns: DEFAULT_COOLDOWN_SETTINGS,
  fallbacks: NO_FALLBACKS,
};

export interface LiteLLMConfigFile {
  models: ConfigModel[];
  /** general_settings.master_key, resolved if it was an os.environ/ reference. */
  masterKey?: string;
  settings: GatewaySettings;
  router: RouterSettings;
  warnings: string[];
}

const KNOWN_TOP_LEVEL = new Set(['model_list', 'general_settings', 'litellm_settings', 'router_settings']);
const KNOWN_LITELLM_SETTINGS = new Set([
  'drop_params',
  'modify_params',
  'num_retries',
  'request_timeout',
  ...COOLDOWN_LITELLM_SETTINGS,
  ...FALLBACK_SETTING_KEYS,
  ...TIMEOUT_SETTING_KEYS,
]);

export function readLiteLLMConfigFile(path: string, env: NodeJS.ProcessEnv): LiteLLMConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `QUARRY_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error})`,
    ]);
  }
  return parseLiteLLMConfig(text, env, path);
}

export function parseLiteLLMConfig(
  text: string,
  env: NodeJS.ProcessEnv,
  fileName = 'config.yaml',
): LiteLLMConfigFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (path: (string | number)[]): string => locate(document, lineCounter, fileName, path);

  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return `${fileName}:${line}:${col}: ${error.message.split('\n')[0]}`;
      }),
    );
  }
  const root = document.toJS() ?? {};
  if (!isObject(root)) throw new ConfigError([`${fileName}: the top level must be a mapping`]);

  const problems: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(root)) {
    if (!KNOWN_TOP_LEVEL.has(key))
      warnings.push(`${at([key])}: section "${key}" is not used by Quarry and is ignored`);
  }

  problems.push(...missingEnvReferences(root, [], env, at));

  const models: ConfigModel[] = [];
  const modelList = root.model_list ?? [];
  if (!Array.isArray(modelList)) problems.push(`${at(['model_list'])}: model_list must be a list`);
  else
    modelList.forEach((entry, index) => {
      const result = validateDeploymentEntry(entry, ['model_list', index], at);
      if ('problems' in result) problems.push(...result.problems);
      else {
        models.push(result.model);
        for (const name of result.model.unusedSettings)
          warnings.push(
            `${at(['model_list', index, 'litellm_params', name])}: model_list.${index}.${unusedSettingMessage(name)}`,
          );
      }
    });

  let masterKey: string | undefined;
  const general = root.general_settings ?? {};
  if (!isObject(general)) problems.push(`${at(['general_settings'])}: general_settings must be a mapping`);
  else if (general.master_key !== undefined) {
    const raw = general.master_key;
    masterKey = isEnvReference(raw) ? env[envReferenceName(raw)] : typeof raw === 'string' ? raw : undefined;
    if (typeof raw !== 'string')
      problems.push(`${at(['general_settings', 'master_key'])}: master_key must be a string`);
    else if (masterKey !== undefined)
      problems.push(
        ...masterKeyProblems(masterKey, 'general_settings.master_key').map(
          (p) => `${at(['general_settings', 'master_key'])}: ${p}`,
        ),
      );
  }

  const settings = { ...DEFAULT_SETTINGS };
  const litellm = root.litellm_settings ?? {};
  if (!isObject(litellm)) problems.push(`${at(['litellm_settings'])}: litellm_settings must be a mapping`);
  else {
    for (const key of Object.keys(litellm)) {
      if (!KNOWN_LITELLM_SETTINGS.has(key))
        warnings.push(
          `${at(['litellm_settings', key])}: litellm_settings.${key} is not supported by Quarry and is ignored`,
        );
    }
    const flag = (key: string): boolean | undefined => {
      const value = litellm[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'boolean')
        problems.push(`${at(['litellm_settings', key])}: ${key} must be true or false`);
      return value === true;
    };
    settings.dropParams = flag('drop_params') ?? settings.dropParams;
    settings.modifyParams = flag('modify_params') ?? settings.modifyParams;
    if (litellm.num_retries !== undefined) {
      if (!Number.isInteger(litellm.num_retries) || litellm.num_retries < 0 || litellm.num_retries > 10)
        problems.push(
          `${at(['litellm_settings', 'num_retries'])}: num_retries must be an integer from 0 to 10`,
        );
      else settings.numRetries = litellm.num_retries;
    }
    if (litellm.request_timeout !== undefined) {
      if (typeof litellm.request_timeout !== 'number' || !(litellm.request_timeout > 0))
        problems.push(
          `${at(['litellm_settings', 'request_timeout'])}: request_timeout must be a positive number of seconds`,
        );
      else settings.requestTimeoutMs = Math.round(litellm.request_timeout * 1000);
    }
  }

  // router_settings: the strategy (router-settings.ts, which also warns about keys no part reads), then
  // retries and cooldowns, fallbacks and timeouts, each from its own file (LiteLLM reads the last three in
  // litellm_settings too).
  const router = readRouterSettings(root.router_settings, at, problems, warnings);
  const routerSection = isObject(root.router_settings) ? root.router_settings : {};
  const reliability = readCooldownSettings(routerSection, litellm, at);
  problems.push(...reliability.problems);
  settings.cooldowns = reliability.cooldowns;
  if (reliability.numRetries !== undefined) settings.numRetries = reliability.numRetries;

  const sections = {
    router_settings: routerSection,
    litellm_settings: isObject(litellm) ? litellm : {},
  };
  const fallbacks = readFallbackSettings(sections, new Set(models.map((model) => model.modelName)), at);
  const timeouts = readTimeoutSettings(sections, at);
  problems.push(...fallbacks.problems, ...timeouts.problems);
  warnings.push(...fallbacks.warnings);
  settings.fallbacks = fallbacks.settings;
  settings.streamTimeoutMs = timeouts.streamTimeoutMs;
  if (litellm.request_timeout === undefined && timeouts.requestTimeoutMs !== undefined)
    settings.requestTimeoutMs = timeouts.requestTimeoutMs;

  if (problems.length > 0) throw new ConfigError(problems);
  return { models, masterKey, settings, router, warnings };
}

/** Every `os.environ/NAME` in the file must name a variable that is set, or start-up fails naming it. */
function missingEnvReferences(
  value: unknown,
  path: (string | number)[],
  env: NodeJS.ProcessEnv,
  at: (path: (string | number)[]) => string,
): string[] {
  if (isEnvReference(value)) {
    const name = envReferenceName(value);
    return env[name] === undefined
      ? [`${at(path)}: ${path.join('.')} refers to environment variable ${name}, which is not set`]
      : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => missingEnvReferences(item, [...path, index], env, at));
  if (isObject(value))
    return Object.entries(value).flatMap(([key, item]) =>
      missingEnvReferences(item, [...path, key], env, at),
    );
  return [];
}

function locate(
  document: Document,
  lineCounter: LineCounter,
  fileName: string,
  path: (string | number)[],
): string {
  // Walk up until a node with a position exists (a missing field is reported at its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line } = lineCounter.linePos(node.range[0]);
      return `${fileName}:${line}${depth > 0 ? ` (${path.join('.')})` : ''}`;
    }
  }
  return `${fileName} (${path.join('.')})`;
}
