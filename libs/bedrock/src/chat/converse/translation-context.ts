// Types shared by the request and the response side of the Converse translation. The request side
// produces a TranslationContext; the response and stream translators take it back so that what was
// renamed or emulated on the way in (tool names, JSON mode through a forced tool) is undone on the way out.
import type { ModelCapabilities } from '../../capabilities/model-capabilities';
import type { ServiceTier } from '../../pricing/service-tier';

/** Bedrock tool name → the name the client sent (names are sanitised to [a-zA-Z0-9_-]{1,64}). */
export type ToolNameMap = ReadonlyMap<string, string>;

export interface TranslationContext {
  toolNames: ToolNameMap;
  /**
   * How response_format was honoured: natively (`outputConfig`), through a forced tool whose input
   * becomes the message content (the tool's Bedrock name is given), or not at all.
   */
  jsonMode: { kind: 'none' } | { kind: 'native' } | { kind: 'tool'; toolName: string };
  capabilities: ModelCapabilities;
  /** The non-standard service tier asked for (flex, priority, latency-optimized…): it changes the price. */
  serviceTier?: ServiceTier;
  /**
   * guardrailConfig.trace asked for a trace: Bedrock sends it in the stream's metadata event, after
   * messageStop, so the stream translator holds the finish chunk back to carry it.
   */
  guardrailTrace?: boolean;
}
