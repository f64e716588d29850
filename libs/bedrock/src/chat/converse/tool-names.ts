// Bedrock accepts tool names and toolUse ids only as [a-zA-Z0-9_-]{1,64} (LiteLLM #24668: MCP clients
// send names with dots, spaces or nothing at all). Names are sanitised on the way in, kept unique
// within the request, and mapped back through TranslationContext.toolNames on the way out.
import type { ToolNameMap } from './translation-context';

const MAX_LENGTH = 64;
const VALID_IDENTIFIER = /^[a-zA-Z0-9_-]{1,64}$/;
const INVALID_CHARACTERS = /[^a-zA-Z0-9_-]/g;

/** The closest valid Bedrock identifier; not necessarily unique (see BedrockNameRegistry). */
export function sanitizeBedrockIdentifier(name: string, fallback = 'tool'): string {
  if (VALID_IDENTIFIER.test(name)) return name;
  const replaced = name.replace(INVALID_CHARACTERS, '_').slice(0, MAX_LENGTH);
  return replaced.length > 0 ? replaced : fallback;
}

/**
 * One per request and per kind of identifier (tool names, toolUse ids): the same client name always
 * gets the same Bedrock name, and two different client names never share one.
 */
export class BedrockNameRegistry {
  private readonly bedrockByClient = new Map<string, string>();
  private readonly clientByBedrock = new Map<string, string>();

  constructor(private readonly fallback = 'tool') {}

  toBedrock(clientName: string): string {
    const known = this.bedrockByClient.get(clientName);
    if (known !== undefined) return known;
    const bedrockName = this.unique(sanitizeBedrockIdentifier(clientName, this.fallback));
    this.bedrockByClient.set(clientName, bedrockName);
    this.clientByBedrock.set(bedrockName, clientName);
    return bedrockName;
  }

  /** A fresh name for something the gateway adds itself (the JSON-mode tool), never shared with a client name. */
  addSynthetic(preferredName: string, reportedName = preferredName): string {
    const bedrockName = this.unique(sanitizeBedrockIdentifier(preferredName, this.fallback));
    this.clientByBedrock.set(bedrockName, reportedName);
    return bedrockName;
  }

  has(clientName: string): boolean {
    return this.bedrockByClient.has(clientName);
  }

  /** Bedrock name → client name, for the response side. */
  get reverseMap(): ToolNameMap {
    return this.clientByBedrock;
  }

  private unique(candidate: string): string {
    if (!this.clientByBedrock.has(candidate)) return candidate;
    for (let counter = 2; ; counter++) {
      const suffix = `_${counter}`;
      const name = candidate.slice(0, MAX_LENGTH - suffix.length) + suffix;
      if (!this.clientByBedrock.has(name)) return name;
    }
  }
}
