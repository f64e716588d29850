// Redacted (encrypted) reasoning arrives from the SDK as bytes; OpenAI-style clients carry it as the
// base64 string of Anthropic's `redacted_thinking.data`, which they must send back unchanged.

export function redactedReasoningData(content: Uint8Array | string): string {
  if (typeof content === 'string') return content;
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
}
