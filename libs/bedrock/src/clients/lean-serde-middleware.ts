// The bedrock-runtime client's serializer and deserializer middlewares, in place of the SDK's schema
// serde middlewares. Both still hand every request and response to the SDK's own protocol (its schema
// serializer, deserializer and error parsing); the difference is the context object the protocol gets.
// The SDK's builds it with `{ ...config, ...context }` on every call, copying the whole resolved client
// configuration (about a hundred properties) twice per call. Here the context inherits the configuration
// through its prototype and holds only the call's own entries: the same values for every property the
// protocol reads, ≈ 40 µs less CPU per Converse call (`node bench/sdk-call-cost.mjs`).
//
// Deserialization errors are decorated as the SDK decorates them: the raw response as a hidden
// `$response`, and `$metadata` (status, request id) on errors the protocol did not already give one.
import { getSmithyContext, HttpResponse, toEndpointV1 } from '@smithy/core/transport';
import type {
  DeserializeMiddleware,
  EndpointV2,
  HandlerExecutionContext,
  OperationSchema,
  Pluggable,
  SerializeMiddleware,
  StaticOperationSchema,
} from '@smithy/types';

/** What the middlewares use of the resolved client configuration. */
export interface SerdeClientConfig {
  protocol: {
    serializeRequest(operation: OperationSchema, input: unknown, context: object): Promise<unknown>;
    deserializeResponse(operation: OperationSchema, context: object, response: unknown): Promise<unknown>;
  };
  endpoint?: unknown;
}

export function leanSerdePlugin<Input extends object, Output extends object>(
  config: SerdeClientConfig,
): Pluggable<Input, Output> {
  return {
    applyToStack(stack) {
      stack.add(serializer<Input, Output>(config), {
        name: 'serializerMiddleware',
        step: 'serialize',
        tags: ['SERIALIZER'],
        override: true,
      });
      stack.add(deserializer<Input, Output>(config), {
        name: 'deserializerMiddleware',
        step: 'deserialize',
        tags: ['DESERIALIZER'],
        override: true,
      });
    },
  };
}

function serializer<Input extends object, Output extends object>(
  config: SerdeClientConfig,
): SerializeMiddleware<Input, Output> {
  return (next, context) => async (args) => {
    const endpointV2 = (context as { endpointV2?: EndpointV2 }).endpointV2;
    const endpoint = endpointV2 ? async () => toEndpointV1(endpointV2) : config.endpoint;
    const callContext = inheritingContext(config, context);
    callContext.endpoint = endpoint;
    const request = await config.protocol.serializeRequest(operationOf(context), args.input, callContext);
    // Not `{ ...args, request }`: a new hidden class per call on Node 20 (bench/README.md, finding 7).
    return next(Object.assign({}, args, { request }));
  };
}

function deserializer<Input extends object, Output extends object>(
  config: SerdeClientConfig,
): DeserializeMiddleware<Input, Output> {
  return (next, context) => async (args) => {
    const { response } = await next(args);
    try {
      const output = await config.protocol.deserializeResponse(
        operationOf(context),
        inheritingContext(config, context),
        response,
      );
      return { response, output: output as Output };
    } catch (error) {
      throw decorated(error, response);
    }
  };
}

/** The call's context entries over the client configuration, which stays shared (prototype), not copied. */
function inheritingContext(
  config: SerdeClientConfig,
  context: HandlerExecutionContext,
): Record<string, unknown> {
  return Object.assign(Object.create(config) as Record<string, unknown>, context);
}

const operations = new WeakMap<StaticOperationSchema, OperationSchema>();

/** The operation schema object the SDK's protocols take, built once per operation. */
function operationOf(context: HandlerExecutionContext): OperationSchema {
  const staticSchema = getSmithyContext(context).operationSchema as StaticOperationSchema | undefined;
  let operation = staticSchema && operations.get(staticSchema);
  if (!operation) {
    // As the SDK's own middlewares do, an operation without a schema gets one with empty fields.
    const [, namespace, name, traits, input, output] = staticSchema ?? [];
    operation = { namespace, name, traits, input, output } as OperationSchema;
    if (staticSchema) operations.set(staticSchema, operation);
  }
  return operation;
}

function decorated(error: unknown, response: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  Object.defineProperty(error, '$response', { value: response, enumerable: false });
  if ('$metadata' in error) return error;
  const failure = error as Error & { $metadata?: object; $responseBodyText?: string };
  try {
    failure.message += `\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`;
  } catch {
    // A read-only message stays as it is.
  }
  if (HttpResponse.isInstance(response)) {
    if (failure.$responseBodyText !== undefined) response.body = failure.$responseBodyText;
    const headers = Object.entries(response.headers ?? {});
    failure.$metadata = {
      httpStatusCode: response.statusCode,
      requestId: headerMatching(/^x-[\w-]+-request-?id$/, headers),
      extendedRequestId: headerMatching(/^x-[\w-]+-id-2$/, headers),
      cfId: headerMatching(/^x-[\w-]+-cf-id$/, headers),
    };
  }
  return error;
}

function headerMatching(pattern: RegExp, headers: Array<[string, string]>): string | undefined {
  return headers.find(([name]) => pattern.test(name))?.[1];
}
