// The InvokeAgent call on an agent-runtime client, for a whole answer or a stream. A stream resolves
// once the agent's first event is in, so a failure before it (throttling, an unknown agent) is still
// retried or falls back before the client gets a byte.
import {
  InvokeAgentCommand,
  type BedrockAgentRuntimeClient,
  type InvokeAgentCommandInput,
  type InvokeAgentCommandOutput,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-agent-runtime';

export interface OpenedAgentStream {
  output: InvokeAgentCommandOutput;
  /** The rest of the events, the first one included (it was read ahead). */
  events: AsyncIterable<ResponseStream>;
}

export async function invokeAgent(
  client: BedrockAgentRuntimeClient,
  input: InvokeAgentCommandInput,
  signal: AbortSignal,
): Promise<InvokeAgentCommandOutput> {
  return client.send(new InvokeAgentCommand(input), { abortSignal: signal });
}

export async function openAgentStream(
  client: BedrockAgentRuntimeClient,
  input: InvokeAgentCommandInput,
  signal: AbortSignal,
): Promise<OpenedAgentStream> {
  const output = await invokeAgent(client, input, signal);
  const iterator = (output.completion ?? emptyStream())[Symbol.asyncIterator]();
  const first = await iterator.next();
  return { output, events: replay(first, iterator) };
}

async function* replay(
  first: IteratorResult<ResponseStream>,
  iterator: AsyncIterator<ResponseStream>,
): AsyncIterable<ResponseStream> {
  if (first.done) return;
  yield first.value;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

async function* emptyStream(): AsyncIterable<ResponseStream> {}
