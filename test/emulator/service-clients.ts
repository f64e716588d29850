// Real AWS SDK v3 clients pointed at a running emulator, for the agent-runtime, control-plane and
// batch end-to-end specs. SigV4 is forced (an AWS_BEARER_TOKEN_BEDROCK in the environment would
// otherwise switch the Bedrock clients to bearer auth).
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../support/emulator-credentials';

export type TransportName = 'http2 (default handler)' | 'http1 (NodeHttpHandler)';

export function agentRuntimeClient(
  endpoint: string,
  transport: TransportName,
  extra: { maxAttempts?: number; faultHeader?: string } = {},
): BedrockAgentRuntimeClient {
  const client = new BedrockAgentRuntimeClient({
    region: EMULATOR_REGION,
    endpoint,
    credentials: EMULATOR_CREDENTIALS,
    authSchemePreference: ['sigv4'],
    maxAttempts: extra.maxAttempts,
    ...(transport === 'http1 (NodeHttpHandler)' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
  if (extra.faultHeader !== undefined) {
    client.middlewareStack.add(faultHeader(extra.faultHeader), {
      step: 'build',
      name: 'emulatorFaultHeader',
    });
  }
  return client;
}

export function controlPlaneClient(endpoint: string, extra: { faultHeader?: string } = {}): BedrockClient {
  const client = new BedrockClient({
    region: EMULATOR_REGION,
    endpoint,
    credentials: EMULATOR_CREDENTIALS,
    authSchemePreference: ['sigv4'],
    maxAttempts: 1,
  });
  if (extra.faultHeader !== undefined) {
    client.middlewareStack.add(faultHeader(extra.faultHeader), {
      step: 'build',
      name: 'emulatorFaultHeader',
    });
  }
  return client;
}

export function s3Client(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): S3Client {
  return new S3Client({
    region: EMULATOR_REGION,
    endpoint,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Middleware adding `x-emulator-fault` to every request (at the build step, so it is signed too). */
function faultHeader(fault: string) {
  return (next: (args: any) => Promise<any>) => async (args: any) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers['x-emulator-fault'] = fault;
    return next(args);
  };
}
