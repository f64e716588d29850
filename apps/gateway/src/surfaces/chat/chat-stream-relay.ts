// A chat stream (ConverseStream, or InvokeModelWithResponseStream read into Converse events) relayed as
// OpenAI chat.completion.chunk SSE frames: the translator turns each event into chunks, the chunk's text, reasoning and tool arguments count as model output (time to first
// token, and the estimate when a stream is cut short), and a failure after the first byte ends the stream
// with OpenAI's in-band error event and `[DONE]`.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConverseStreamTranslator, SSE_DONE, toSseLine, type ConverseStreamMeta } from '@quarry/bedrock';
import type { ChatCompletionChunk, OpenAIError } from '@quarry/openai';
import type { EmitFrame, StreamRelay } from '../../invocation/invocation';
import { estimatedUsage, type ChatTranslation } from './chat-calls';

export class ChatStreamRelay implements StreamRelay {
  private readonly translator: ConverseStreamTranslator;

  constructor(
    private readonly events: AsyncIterable<ConverseStreamOutput>,
    private readonly translation: ChatTranslation,
    meta: ConverseStreamMeta,
  ) {
    this.translator = new ConverseStreamTranslator(meta);
  }

  async run(emit: EmitFrame): Promise<void> {
    for await (const event of this.events) await emitChunks(emit, this.translator.translate(event));
    await emitChunks(emit, this.translator.finish());
    await emit(SSE_DONE, 0);
  }

  failureFrames(error: OpenAIError): readonly string[] {
    return [`data: ${JSON.stringify(error.toBody())}\n\n`, SSE_DONE];
  }

  usage(streamedCharacters: number) {
    return this.translator.usageReceived
      ? this.translator.usage
      : estimatedUsage(this.translation, streamedCharacters);
  }
}

/** Emits each chunk as an SSE frame, waiting on backpressure; its output characters are metered. */
export async function emitChunks(emit: EmitFrame, chunks: readonly ChatCompletionChunk[]): Promise<void> {
  for (const chunk of chunks) {
    const backpressure = emit(toSseLine(chunk), outputCharactersOf(chunk));
    if (backpressure) await backpressure;
  }
}

function outputCharactersOf(chunk: ChatCompletionChunk): number {
  const delta = chunk.choices[0]?.delta;
  if (!delta) return 0;
  let characters = (delta.content?.length ?? 0) + (delta.reasoning_content?.length ?? 0);
  for (const toolCall of delta.tool_calls ?? []) characters += toolCall.function?.arguments?.length ?? 0;
  return characters;
}
