// `cache_control: {type: 'ephemeral'}` (on a message, a content part or a tool) becomes a Converse
// `cachePoint` block right after that content. Prompt caching is a cost/latency hint, never a change in
// meaning, so for models without caching support the hint is dropped silently instead of failing.
import type { CachePointBlock } from '@aws-sdk/client-bedrock-runtime';
import type { CacheControl } from '@quarry/openai';

/** The block to append after cached content, or undefined when there is nothing to add. */
export function cachePointFor(
  cacheControl: CacheControl | null | undefined,
  cachingSupported: boolean,
): { cachePoint: CachePointBlock } | undefined {
  if (!cachingSupported || !cacheControl) return undefined;
  return cacheControl.ttl
    ? { cachePoint: { type: 'default', ttl: cacheControl.ttl } }
    : { cachePoint: { type: 'default' } };
}
