// `npm run emulator`: the Bedrock emulator as a process. The only place that reads the environment;
// everything below takes options.
import { DEFAULT_EMULATOR_OPTIONS, startEmulator } from './index';
import type { EmulatorOptions } from './http/types';

function fail(message: string): never {
  console.error(`[bedrock-emulator] ${message}`);
  process.exit(2);
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) fail(`${name} must be a non-negative number, got "${raw}".`);
  return value;
}

function booleanFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  fail(`${name} must be true or false, got "${process.env[name]}".`);
}

function optionsFromEnv(): Partial<EmulatorOptions> {
  const accessKeyId = process.env.EMULATOR_ACCESS_KEY_ID;
  const secretAccessKey = process.env.EMULATOR_SECRET_ACCESS_KEY;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    fail('EMULATOR_ACCESS_KEY_ID and EMULATOR_SECRET_ACCESS_KEY must be set together.');
  }
  return {
    port: numberFromEnv('EMULATOR_PORT', 4010),
    latencyMs: numberFromEnv('EMULATOR_LATENCY_MS', 0),
    tokensPerSecond: numberFromEnv('EMULATOR_TPS', 0),
    verifySignatures: booleanFromEnv('EMULATOR_VERIFY_SIGV4', true),
    credentials:
      accessKeyId && secretAccessKey
        ? { [accessKeyId]: secretAccessKey }
        : DEFAULT_EMULATOR_OPTIONS.credentials,
    s3Endpoint: process.env.EMULATOR_S3_ENDPOINT || undefined,
    // STS: the shortest session it grants (AWS: 900 s); lower it to watch a gateway refresh credentials.
    stsMinDurationSeconds: numberFromEnv('EMULATOR_STS_MIN_DURATION_SECONDS', 900),
    // Further regions served on the same port (config.yaml deployments in several aws_region_names).
    regions: (process.env.EMULATOR_REGIONS ?? '')
      .split(',')
      .map((region) => region.trim())
      .filter((region) => region.length > 0),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(optionsFromEnv());
  const [accessKeyId, secretAccessKey] = Object.entries(emulator.options.credentials)[0];
  console.log(
    [
      `Bedrock emulator listening on ${emulator.endpoint} (HTTP/1.1 and h2c)`,
      `  region:            ${[emulator.options.region, ...(emulator.options.regions ?? [])].join(', ')}`,
      `  access key id:     ${accessKeyId}`,
      `  secret access key: ${secretAccessKey}`,
      `  bearer token:      ${emulator.options.bearerTokens[0]}`,
      `  STS (POST /):      AssumeRole, AssumeRoleWithWebIdentity (web identity token ${emulator.options.stsWebIdentityTokens[0]})`,
      `  SigV4 checked:     ${emulator.options.verifySignatures}`,
      `  S3 (batch jobs):   ${emulator.s3Endpoint}  (credentials ${emulator.options.s3Credentials.accessKeyId} / ${emulator.options.s3Credentials.secretAccessKey})`,
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[bedrock-emulator] ${signal}: closing`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[bedrock-emulator] close failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) =>
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`),
);
