// Before anything is measured, every target must answer every request kind correctly: a benchmark of
// error responses (a wrong header, a refused signature) would measure nothing.
import { isStreamKind } from './chat-requests.mjs';

function looksRight(targetName, kind, status, text) {
  if (status !== 200) return false;
  if (kind === 'embeddings') {
    const answer = JSON.parse(text);
    return Array.isArray(targetName === 'direct' ? answer.embedding : answer.data?.[0]?.embedding);
  }
  if (kind === 'images') {
    const answer = JSON.parse(text);
    const image = targetName === 'direct' ? answer.images?.[0] : answer.data?.[0]?.b64_json;
    return typeof image === 'string' && Buffer.from(image, 'base64').subarray(1, 4).toString() === 'PNG';
  }
  if (kind === 'rerank') {
    const results = JSON.parse(text).results;
    const scoreField = targetName === 'direct' ? 'relevanceScore' : 'relevance_score';
    // The query names France's capital: the passage that answers it must rank first.
    return results?.length === 3 && results[0].index === 0 && typeof results[0][scoreField] === 'number';
  }
  // InvokeModelWithResponseStream, InvokeAgent: an event stream of `chunk` events (their JSON or the
  // agent's text is base64 inside), with no exception event.
  if (targetName === 'direct' && ['invoke-stream', 'messages-stream', 'agent', 'agent-stream'].includes(kind))
    return text.includes('chunk') && text.includes('bytes') && !text.includes('exception');
  // Anthropic's SSE, relayed as Bedrock's Claude produced it.
  if (kind === 'messages-stream')
    return text.includes('event: message_start') && text.includes('event: message_stop');
  if (targetName === 'direct' || targetName === 'passthrough') {
    // Converse JSON, or an event stream whose last events are messageStop and metadata.
    return isStreamKind(kind) ? text.includes('messageStop') : Boolean(JSON.parse(text).output?.message);
  }
  if (isStreamKind(kind))
    return text.includes('"chat.completion.chunk"') && text.trimEnd().endsWith('data: [DONE]');
  return typeof JSON.parse(text).choices?.[0]?.message?.content === 'string';
}

/** Throws naming the target and request kind whose answer is wrong. */
export async function preflight(targets, requestKinds, latencyKeys) {
  for (const target of targets) {
    for (const latencyKey of latencyKeys) {
      for (const kind of requestKinds) {
        const request = await target.requestFor(kind, latencyKey);
        if (!request) continue; // a target that does not serve this kind
        const response = await fetch(request.url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
        });
        const text = await response.text();
        let ok = false;
        try {
          ok = looksRight(target.name, kind, response.status, text);
        } catch {
          ok = false;
        }
        if (!ok) {
          throw new Error(
            `${target.name} answered the ${kind} request (emulator ${latencyKey}) wrongly: HTTP ${response.status} ${text.slice(0, 400)}`,
          );
        }
      }
    }
  }
}
