// How one bedrock-runtime call's abort signal reaches the transport without per-call `send()` options.
// The runtime client caches its resolved middleware stack per command class (`cacheMiddleware`), which
// saves rebuilding the stack on every call; the SDK skips that cache whenever `send()` gets options, and
// options were the only way to hand it an abort signal. So the signal travels on the command input under
// a symbol (serializers only read the operation's members, and JSON ignores symbols), a client-level
// middleware copies it onto the signed request, and KeepAliveHttpHandler reads it there.
import type { HttpRequest } from '@smithy/protocol-http';
import type { DeserializeMiddleware, Pluggable } from '@smithy/types';

const CALL_SIGNAL = Symbol('quarry.callSignal');

interface WithCallSignal {
  [CALL_SIGNAL]?: AbortSignal;
}

/** A copy of the command input that carries `signal` to the transport: `send(command, { abortSignal })` without options. */
export function withCallSignal<Input extends object>(input: Input, signal: AbortSignal): Input {
  // Not `{ ...input, [CALL_SIGNAL]: signal }`: on Node 20 a literal that starts with a spread and goes on
  // gets a new hidden class per call (bench/README.md, finding 7); Object.assign onto {} shares them.
  const copy: Input & WithCallSignal = Object.assign({}, input);
  copy[CALL_SIGNAL] = signal;
  return copy;
}

/** The signal of the call that sends `request`, if it was given one. */
export function callSignalOf(request: HttpRequest): AbortSignal | undefined {
  return (request as WithCallSignal)[CALL_SIGNAL];
}

function copySignalToRequest<Input extends object, Output extends object>(): DeserializeMiddleware<
  Input,
  Output
> {
  return (next) => (args) => {
    const signal = (args.input as WithCallSignal)[CALL_SIGNAL];
    if (signal) (args.request as WithCallSignal)[CALL_SIGNAL] = signal;
    return next(args);
  };
}

/**
 * Runs innermost, after signing (which copies the request) and inside the deserializer, so the request
 * it marks is the one the transport receives.
 */
export function callSignalPlugin<Input extends object, Output extends object>(): Pluggable<Input, Output> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(copySignalToRequest<Input, Output>(), {
        name: 'quarryCallSignal',
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
      });
    },
  };
}
