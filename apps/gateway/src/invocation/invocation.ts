// What a surface hands the pipeline: the model to route, how to translate its request for a deployment,
// how to call Bedrock with it, and how to turn Bedrock's answer into the client's. The pipeline does the
// rest (access, limits, routing, retries and fallbacks, the deadline, metering, spend, errors, the reply).
import type { TokenUsage } from '@quarry/bedrock';
import type { OpenAIError } from '@quarry/openai';
import type { ModelMode } from '../tenancy/models/model-mode';
import type { ResolvedDeployment } from './deployments/resolved-deployment';

interface InvocationBase<Translated> {
  /** The public model name (or key alias) the client asked for. */
  model: string;
  /** The deployment modes this surface serves; a model of another mode is a 400 naming its endpoint. */
  modes: readonly ModelMode[];
  /**
   * The request in Bedrock's terms for one deployment. Called at most once per deployment, first for
   * the primary one, before any Bedrock call: a request Bedrock would refuse fails here.
   */
  translate(deployment: ResolvedDeployment): Promise<Translated>;
}

export interface UnaryInvocation<Translated, Output> extends InvocationBase<Translated> {
  kind: 'unary';
  send(deployment: ResolvedDeployment, translated: Translated, signal: AbortSignal): Promise<Output>;
  /**
   * The client's answer, and the usage to meter. `cost` is for surfaces not priced by the token
   * (images, rerank queries): when given, it is the call's cost instead of usage × price.
   */
  respond(output: Output, translated: Translated, deployment: ResolvedDeployment): UnaryAnswer;
}

/** The client's answer to a unary call, with what to meter and the surface's own response headers. */
export interface UnaryAnswer {
  body: unknown;
  usage: TokenUsage;
  cost?: number;
  headers?: Readonly<Record<string, string>>;
}

export interface StreamInvocation<Translated, Opened> extends InvocationBase<Translated> {
  kind: 'stream';
  /** Opens the upstream stream; resolves once its first event is in (so retries stay before our first byte). */
  open(deployment: ResolvedDeployment, translated: Translated, signal: AbortSignal): Promise<Opened>;
  relay(opened: Opened, translated: Translated, deployment: ResolvedDeployment): StreamRelay;
}

/** Writes one SSE frame to the client; `outputCharacters` is the model output it carries (for metering). */
export type EmitFrame = (text: string, outputCharacters: number) => Promise<void> | undefined;

export interface StreamRelay {
  /** Response headers of the surface's own (an agent's session id), sent with the stream's first byte. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Emits a frame for everything the upstream stream sends, then the closing frames. */
  run(emit: EmitFrame): Promise<void>;
  /** The frames that end a stream that failed after its first byte. */
  failureFrames(error: OpenAIError): readonly string[];
  /** The usage Bedrock reported, or an estimate from what was streamed when the stream was cut short. */
  usage(streamedCharacters: number): TokenUsage;
  /** The call's cost when it is not usage × the deployment's price (an agent prices each model it ran). */
  cost?(usage: TokenUsage): number | undefined;
}

// `any` here: the pipeline only threads each invocation's own values back into it.
export type Invocation = UnaryInvocation<any, any> | StreamInvocation<any, any>;
