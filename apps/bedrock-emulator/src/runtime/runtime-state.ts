// Per-emulator-instance runtime state kept in context.state: the prompt cache, and the optional
// application-inference-profile map another service may fill.
import type { EmulatorContext } from '../http/types';
import { PromptCache } from '../model/prompt-cache';
import type { AnswerOptions } from './model-answers';

const PROMPT_CACHE_KEY = 'runtime.promptCache';
/** Map<profile id or ARN, base model id>; read when resolving application-inference-profile ARNs. */
export const APPLICATION_PROFILES_KEY = 'runtime.applicationProfiles';

export function answerOptions(context: EmulatorContext, extra: Partial<AnswerOptions> = {}): AnswerOptions {
  let promptCache = context.state.get(PROMPT_CACHE_KEY) as PromptCache | undefined;
  if (!promptCache) {
    promptCache = new PromptCache();
    context.state.set(PROMPT_CACHE_KEY, promptCache);
  }
  const applicationProfiles = context.state.get(APPLICATION_PROFILES_KEY) as
    ReadonlyMap<string, string> | undefined;
  return { promptCache, applicationProfiles, ...extra };
}
