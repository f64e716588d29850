// Model-level fallbacks from config.yaml, in LiteLLM's names and places: `fallbacks`,
// `context_window_fallbacks`, `content_policy_fallbacks` (each a list of `{model_name: [fallback, …]}`),
// `default_fallbacks` (a list of model names) and `max_fallbacks`, under `router_settings` or
// `litellm_settings` (LiteLLM reads both; router_settings wins when both set one). `{"*": [...]}` in
// `fallbacks` is LiteLLM's other spelling of default_fallbacks.
//
// A fallback naming a model no config.yaml deployment has is a warning, not an error: the model may be
// created later through /model/new, and at request time a model with no deployment is skipped anyway.
import { isObject } from './is-object';

export type FallbackMap = Readonly<Record<string, readonly string[]>>;

export interface FallbackSettings {
  /** model → fallbacks tried, in order, on throttling, outages, timeouts and broken deployments. */
  fallbacks: FallbackMap;
  /** model → fallbacks tried when the request is too long for the model's context window. */
  contextWindowFallbacks: FallbackMap;
  /** model → fallbacks tried when a content filter refused the request. */
  contentPolicyFallbacks: FallbackMap;
  /** Tried on generic failures for a model with no `fallbacks` entry of its own. */
  defaultFallbacks: readonly string[];
  /** At most this many fallback models are tried per request (LiteLLM's default: 5). */
  maxFallbacks: number;
}

export const NO_FALLBACKS: FallbackSettings = {
  fallbacks: {},
  contextWindowFallbacks: {},
  contentPolicyFallbacks: {},
  defaultFallbacks: [],
  maxFallbacks: 5,
};

/** The keys this file reads in litellm_settings (and router_settings). */
export const FALLBACK_SETTING_KEYS = [
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'max_fallbacks',
] as const;

type Section = 'router_settings' | 'litellm_settings';
type At = (path: (string | number)[]) => string;

export interface ParsedFallbacks {
  settings: FallbackSettings;
  problems: string[];
  warnings: string[];
}

/** Reads the fallback settings of both sections; `modelNames` are config.yaml's model_names. */
export function readFallbackSettings(
  sections: Partial<Record<Section, Record<string, unknown>>>,
  modelNames: ReadonlySet<string>,
  at: At,
): ParsedFallbacks {
  const problems: string[] = [];
  const warnings: string[] = [];
  const pick = (key: string): { value: unknown; path: (string | number)[] } | undefined => {
    for (const section of ['router_settings', 'litellm_settings'] as const) {
      const value = sections[section]?.[key];
      if (value !== undefined && value !== null) return { value, path: [section, key] };
    }
    return undefined;
  };
  const unknownModel = (name: string, path: (string | number)[]) => {
    if (!modelNames.has(name))
      warnings.push(
        `${at(path)}: ${path.join('.')} names "${name}", which no model_list deployment serves; it is skipped until a model of that name exists (through /model/new)`,
      );
  };
  const names = (value: unknown, path: (string | number)[]): string[] | undefined => {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
      problems.push(`${at(path)}: ${path.join('.')} must be a list of model names`);
      return undefined;
    }
    value.forEach((name, index) => unknownModel(name, [...path, index]));
    return value;
  };
  const map = (key: string): { map: Record<string, string[]>; wildcard?: string[] } => {
    const found = pick(key);
    const result: Record<string, string[]> = {};
    if (!found) return { map: result };
    if (!Array.isArray(found.value)) {
      problems.push(
        `${at(found.path)}: ${found.path.join('.')} must be a list of {model_name: [fallback, …]}`,
      );
      return { map: result };
    }
    let wildcard: string[] | undefined;
    found.value.forEach((entry, index) => {
      const path = [...found.path, index];
      if (!isObject(entry) || Object.keys(entry).length !== 1) {
        problems.push(
          `${at(path)}: ${path.join('.')} must be a mapping of one model_name to a list of fallbacks`,
        );
        return;
      }
      const [model, list] = Object.entries(entry)[0];
      const fallbacks = names(list, [...path, model]);
      if (!fallbacks) return;
      if (model === '*') wildcard = fallbacks;
      else {
        unknownModel(model, [...path, model]);
        result[model] = fallbacks;
      }
    });
    return { map: result, wildcard };
  };

  const generic = map('fallbacks');
  const defaults = pick('default_fallbacks');
  const maxFallbacks = pick('max_fallbacks');
  const settings: FallbackSettings = {
    fallbacks: generic.map,
    contextWindowFallbacks: map('context_window_fallbacks').map,
    contentPolicyFallbacks: map('content_policy_fallbacks').map,
    defaultFallbacks: (defaults && names(defaults.value, defaults.path)) ?? generic.wildcard ?? [],
    maxFallbacks: NO_FALLBACKS.maxFallbacks,
  };
  if (maxFallbacks) {
    const value = maxFallbacks.value;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 20)
      problems.push(`${at(maxFallbacks.path)}: max_fallbacks must be an integer from 0 to 20`);
    else settings.maxFallbacks = value as number;
  }
  return { settings, problems, warnings };
}
