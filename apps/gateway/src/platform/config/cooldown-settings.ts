// Retries and cooldowns from config.yaml, in LiteLLM's names and places: router_settings.allowed_fails,
// cooldown_time (seconds), num_retries, retry_after (seconds), disable_cooldowns; litellm_settings also
// takes num_retries and allowed_fails (LiteLLM reads both there), and router_settings wins when both say.
// Defaults are LiteLLM's: 3 allowed fails a minute, a 5 s cooldown (DEFAULT_COOLDOWN_TIME_SECONDS).
import { isObject } from './is-object';

export interface CooldownSettings {
  /** Failures a deployment may have within a minute; one more takes it out of the rotation. */
  allowedFails: number;
  cooldownTimeMs: number;
  /** LiteLLM's retry_after: the least wait before retrying the same deployment. */
  retryAfterMs: number;
  disabled: boolean;
}

export const DEFAULT_COOLDOWN_SETTINGS: CooldownSettings = {
  allowedFails: 3,
  cooldownTimeMs: 5_000,
  retryAfterMs: 0,
  disabled: false,
};

/** The most retries a config or a request may ask for (each one is a Bedrock call). */
export const MAX_NUM_RETRIES = 10;

/** router_settings keys read here (the router's own keys are read by router-settings.ts). */
export const COOLDOWN_ROUTER_SETTINGS = [
  'allowed_fails',
  'cooldown_time',
  'num_retries',
  'retry_after',
  'disable_cooldowns',
] as const;

/** litellm_settings keys read here besides num_retries (read with the other litellm_settings). */
export const COOLDOWN_LITELLM_SETTINGS = ['allowed_fails', 'cooldown_time'] as const;

export interface ReadCooldownSettings {
  cooldowns: CooldownSettings;
  /** router_settings.num_retries, which overrides litellm_settings.num_retries. */
  numRetries?: number;
  problems: string[];
}

/** `at(path)` locates a field in the file for messages ("config.yaml:12 (router_settings.cooldown_time)"). */
export function readCooldownSettings(
  routerSettings: unknown,
  litellmSettings: unknown,
  at: (path: (string | number)[]) => string,
): ReadCooldownSettings {
  const problems: string[] = [];
  const cooldowns = { ...DEFAULT_COOLDOWN_SETTINGS };
  let numRetries: number | undefined;
  // litellm_settings first, so router_settings overrides what both give.
  for (const section of ['litellm_settings', 'router_settings'] as const) {
    const values = section === 'router_settings' ? routerSettings : litellmSettings;
    if (!isObject(values)) continue;
    const read = (key: string, check: (value: unknown) => boolean, rule: string): unknown => {
      const value = values[key];
      if (value === undefined || value === null) return undefined;
      if (check(value)) return value;
      problems.push(`${at([section, key])}: ${section}.${key} must be ${rule}`);
      return undefined;
    };
    const fails = read('allowed_fails', isCount, 'a whole number from 0');
    if (fails !== undefined) cooldowns.allowedFails = fails as number;
    const cooldown = read('cooldown_time', isPositiveSeconds, 'a positive number of seconds');
    if (cooldown !== undefined) cooldowns.cooldownTimeMs = Math.round((cooldown as number) * 1000);
    if (section === 'litellm_settings') continue;
    const retries = read('num_retries', isRetryCount, `a whole number from 0 to ${MAX_NUM_RETRIES}`);
    if (retries !== undefined) numRetries = retries as number;
    const wait = read('retry_after', isSeconds, 'a number of seconds from 0');
    if (wait !== undefined) cooldowns.retryAfterMs = Math.round((wait as number) * 1000);
    const disable = read('disable_cooldowns', (value) => typeof value === 'boolean', 'true or false');
    if (disable !== undefined) cooldowns.disabled = disable as boolean;
  }
  return { cooldowns, numRetries, problems };
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isRetryCount(value: unknown): boolean {
  return isCount(value) && (value as number) <= MAX_NUM_RETRIES;
}

function isSeconds(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPositiveSeconds(value: unknown): boolean {
  return isSeconds(value) && (value as number) > 0;
}
