// Converse stream events for the text-only formats: one role event first, text deltas, one stop.
import type { ConverseStreamOutput, StopReason } from '@aws-sdk/client-bedrock-runtime';
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { NativeAnswer } from './invoke-family';

export class TextEvents {
  private started = false;
  private stopped = false;

  /** Events for a piece of generated text and, when the chunk says so, the end of the turn. */
  next(text: string | undefined, stopReason: StopReason | undefined): ConverseStreamOutput[] {
    const events: ConverseStreamOutput[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ messageStart: { role: 'assistant' } });
    }
    if (text) events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } });
    if (stopReason && !this.stopped) {
      this.stopped = true;
      events.push({ messageStop: { stopReason } });
    }
    return events;
  }

  reasoning(text: string): ConverseStreamOutput[] {
    const events = this.next(undefined, undefined);
    if (text)
      events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text } } } });
    return events;
  }
}

export function textAnswer(
  text: string,
  stopReason: StopReason | undefined,
  usage?: NativeAnswer['usage'],
): NativeAnswer {
  const content: ContentBlock[] = [{ text }];
  return usage ? { content, stopReason, usage } : { content, stopReason };
}

export function numberOr(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
