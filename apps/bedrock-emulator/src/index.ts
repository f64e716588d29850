// The Bedrock emulator as a library: startEmulator() serves bedrock-runtime, bedrock-agent-runtime
// and the control plane on one 127.0.0.1 port (HTTP/1.1 and h2c), plus s3rver for batch jobs.
import { agentRuntimeRoutes } from './agent-runtime';
import { controlPlaneRoutes, startControlPlane } from './control-plane';
import { listenDualProtocol } from './http/dual-protocol-server';
import { createRequestDispatcher } from './http/request-dispatcher';
import { RouteTable } from './http/route-table';
import type { EmulatorContext, EmulatorOptions } from './http/types';
import { runtimeRoutes } from './runtime';
import { StsSessions } from './sts/sts-sessions';

export type { EmulatorOptions } from './http/types';
export { foundationModels } from './catalogue/foundation-models';
export { answerConverse, answerInvokeModel, type ModelAnswer } from './runtime/model-answers';
export { withFaults } from './http/fault-parser';
export type { StsCallRecord } from './sts/sts-sessions';

export const DEFAULT_ACCESS_KEY_ID = 'AKIAQUARRYEMULATOR01';
export const DEFAULT_SECRET_ACCESS_KEY = 'quarry-emulator-secret-key-do-not-use-in-aws';
export const DEFAULT_BEARER_TOKEN = 'quarry-emulator-bearer-token';
/** A web identity token (an OIDC JWT in AWS) the emulator's STS accepts. */
export const DEFAULT_WEB_IDENTITY_TOKEN = 'quarry-emulator-web-identity-token';

export const DEFAULT_EMULATOR_OPTIONS: EmulatorOptions = {
  host: '127.0.0.1',
  port: 0,
  region: 'us-east-1',
  credentials: { [DEFAULT_ACCESS_KEY_ID]: DEFAULT_SECRET_ACCESS_KEY },
  bearerTokens: [DEFAULT_BEARER_TOKEN],
  stsWebIdentityTokens: [DEFAULT_WEB_IDENTITY_TOKEN],
  stsMinDurationSeconds: 900,
  verifySignatures: true,
  latencyMs: 0,
  tokensPerSecond: 0,
  s3Endpoint: undefined,
  s3Credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  batchStepMs: 1000,
  batchMinRecords: 100,
};

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010, the `endpoint` for every Bedrock client. */
  endpoint: string;
  port: number;
  /** The S3 endpoint batch jobs read from and write to (s3rver unless options.s3Endpoint was given). */
  s3Endpoint: string;
  options: EmulatorOptions;
  /** The STS calls answered so far (what each asked for, never a secret) and the sessions issued. */
  sts: StsSessions;
  close(): Promise<void>;
}

/** Starts the emulator; port 0 (the default) picks a free port. */
export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const options: EmulatorOptions = { ...DEFAULT_EMULATOR_OPTIONS, ...defined };
  const state = new Map<string, unknown>();
  const controlPlane = await startControlPlane({ options, faults: {}, state } satisfies EmulatorContext);
  const routes = new RouteTable([...runtimeRoutes, ...agentRuntimeRoutes, ...controlPlaneRoutes]);
  const dispatch = createRequestDispatcher(options, state, routes);
  let server;
  try {
    server = await listenDualProtocol(
      (request, response) => void dispatch(request, response),
      options.host,
      options.port,
    );
  } catch (error) {
    await controlPlane.close();
    throw error;
  }
  const endpoint = `http://${options.host}:${server.port}`;
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    port: server.port,
    s3Endpoint: controlPlane.s3Endpoint,
    options: { ...options, port: server.port, s3Endpoint: controlPlane.s3Endpoint },
    sts: StsSessions.of(state),
    close() {
      closing ??= (async () => {
        await server.close();
        await controlPlane.close();
      })();
      return closing;
    },
  };
}
