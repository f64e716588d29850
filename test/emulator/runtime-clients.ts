// Real BedrockRuntimeClient instances pointed at a running emulator, over HTTP/2 (the SDK default)
// or HTTP/1.1 (NodeHttpHandler), plus a raw bearer-token fetch for bodies the SDK would never send.
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
} from '../support/emulator-credentials';

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

export type Transport = 'http2' | 'http1';
export const TRANSPORTS: Transport[] = ['http2', 'http1'];

export function runtimeClient(
  endpoint: string,
  transport: Transport,
  extra: Partial<BedrockRuntimeClientConfig> & { faultHeader?: string } = {},
): BedrockRuntimeClient {
  const { faultHeader, ...config } = extra;
  const client = new BedrockRuntimeClient({
    region: EMULATOR_REGION,
    endpoint,
    credentials: EMULATOR_CREDENTIALS,
    // Without this an AWS_BEARER_TOKEN_BEDROCK in the environment would switch the client to bearer auth.
    authSchemePreference: ['sigv4'],
    ...(transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
    ...config,
  });
  if (faultHeader !== undefined) {
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-emulator-fault'] = faultHeader;
        return next(args);
      },
      { step: 'build', name: 'emulatorFaultHeader' },
    );
  }
  return client;
}

/** Response headers of the last call (Bedrock's token-count headers are not in the SDK's output shape). */
export function captureResponseHeaders(client: BedrockRuntimeClient): { last: Record<string, string> } {
  const captured = { last: {} as Record<string, string> };
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      captured.last = (result.response as { headers: Record<string, string> }).headers;
      return result;
    },
    { step: 'build', name: 'captureResponseHeaders' },
  );
  return captured;
}

/** A raw HTTP/1.1 request authenticated with the emulator's bearer token. */
export async function rawRequest(
  endpoint: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(endpoint + path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${EMULATOR_BEARER_TOKEN}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

export function modelPath(modelId: string, operation: string): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}
