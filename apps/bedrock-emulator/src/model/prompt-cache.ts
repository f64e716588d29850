// Bedrock prompt caching, emulated per emulator instance: the first time a prefix ending at a cache
// point is seen it is written (cacheWriteInputTokens); afterwards it is read (cacheReadInputTokens).
// inputTokens then counts only what lies outside the cached prefix, as Bedrock reports it.
import type { Conversation } from './conversation';
import { charsToTokens, promptLayout } from './prompt-tokens';

export interface PromptTokenSplit {
  inputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  cacheUsed: boolean;
}

export class PromptCache {
  private readonly seenPrefixes = new Set<string>();
  /** Bounded so a long-running emulator does not grow without limit. */
  constructor(private readonly capacity = 10_000) {}

  split(scope: string, conversation: Conversation): PromptTokenSplit {
    const layout = promptLayout(conversation);
    const total = Math.max(1, charsToTokens(layout.totalChars));
    if (layout.cachePoints.length === 0) {
      return { inputTokens: total, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheUsed: false };
    }
    const keys = layout.cachePoints.map((point) => `${scope}|${point.key}`);
    let readChars = 0;
    keys.forEach((key, index) => {
      if (this.seenPrefixes.has(key)) readChars = layout.cachePoints[index].chars;
    });
    const lastChars = layout.cachePoints[layout.cachePoints.length - 1].chars;
    const cacheRead = charsToTokens(readChars);
    const cacheWrite = charsToTokens(lastChars) - cacheRead;
    for (const key of keys) this.remember(key);
    return {
      inputTokens: total - cacheRead - cacheWrite,
      cacheReadInputTokens: cacheRead,
      cacheWriteInputTokens: cacheWrite,
      cacheUsed: true,
    };
  }

  private remember(key: string): void {
    if (this.seenPrefixes.size >= this.capacity) this.seenPrefixes.clear();
    this.seenPrefixes.add(key);
  }
}
