// Environment variables, validated once at start-up. Every problem is collected and reported together,
// each naming its variable, so an operator fixes them in one go.
import path from 'node:path';
import { ConfigError } from './config-error';
import { parseAllowedEndpointHosts, type EndpointAllowList } from './endpoint-allow-list';

export interface EnvConfig {
  databaseUrl: string;
  /** From QUARRY_MASTER_KEY or LITELLM_MASTER_KEY; may instead come from config.yaml general_settings.master_key. */
  masterKey?: string;
  redisUrl?: string;
  port: number;
  host: string;
  configPath?: string;
  /** Sends every Bedrock service (runtime, agent runtime, control plane) to one endpoint, e.g. the local emulator. */
  awsEndpoint?: string;
  s3Endpoint?: string;
  /** Hosts an endpoint set through /model/new may name: AWS's domains plus QUARRY_ALLOWED_ENDPOINT_HOSTS. */
  allowedEndpointHosts: EndpointAllowList;
  /** Default region for deployments that name none: AWS_REGION, else AWS_REGION_NAME, else AWS_DEFAULT_REGION. */
  awsRegion: string;
  logLevel: LogLevel;
  /** How long shutdown waits for in-flight requests before aborting them (QUARRY_SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs: number;
  /** Local state (spend spilled at a shutdown the database missed): QUARRY_DATA_DIR, default `.quarry/`. */
  dataDir: string;
  /**
   * Fewest records a batch may have (QUARRY_BATCH_MIN_RECORDS, default 100, Bedrock's minimum for most
   * models): refused at creation rather than by a failed job. Lower it only against the emulator.
   */
  batchMinRecords: number;
  /** First wait before the worker polls a new batch job, in seconds (QUARRY_BATCH_POLL_SECONDS, default 30). */
  batchPollSeconds: number;
  /**
   * Whether `/bedrock` passthrough calls that no deployment serves (raw model ids, guardrails, knowledge
   * bases, agents) may run on the gateway's default AWS credentials and region, for keys allowed them
   * (QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS, default true as in LiteLLM).
   */
  passthroughDefaultCredentials: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function loadEnvConfig(env: NodeJS.ProcessEnv): EnvConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const databaseUrl = text('DATABASE_URL');
  if (!databaseUrl)
    problems.push('DATABASE_URL is required (e.g. postgresql://postgres@127.0.0.1:5432/quarry)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must be a postgresql:// connection string');

  const masterKey = text('QUARRY_MASTER_KEY') ?? text('LITELLM_MASTER_KEY');
  if (masterKey !== undefined) {
    const source = text('QUARRY_MASTER_KEY') ? 'QUARRY_MASTER_KEY' : 'LITELLM_MASTER_KEY';
    problems.push(...masterKeyProblems(masterKey, source));
  }

  const redisUrl = text('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis:// or rediss://');

  const port = integerIn(text('PORT') ?? '4000', 0, 65535);
  if (port === undefined) problems.push(`PORT must be an integer from 0 to 65535 (got "${env.PORT}")`);

  const awsEndpoint = text('QUARRY_AWS_ENDPOINT');
  if (awsEndpoint && !isHttpUrl(awsEndpoint)) problems.push('QUARRY_AWS_ENDPOINT must be an http(s) URL');
  const s3Endpoint = text('QUARRY_S3_ENDPOINT');
  if (s3Endpoint && !isHttpUrl(s3Endpoint)) problems.push('QUARRY_S3_ENDPOINT must be an http(s) URL');

  const allowedEndpointHosts = parseAllowedEndpointHosts(text('QUARRY_ALLOWED_ENDPOINT_HOSTS'));
  problems.push(...allowedEndpointHosts.problems);

  const shutdownGraceSeconds = integerIn(text('QUARRY_SHUTDOWN_GRACE_SECONDS') ?? '25', 0, 3600);
  if (shutdownGraceSeconds === undefined)
    problems.push('QUARRY_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to 3600');

  const batchMinRecords = integerIn(text('QUARRY_BATCH_MIN_RECORDS') ?? '100', 1, 50_000);
  if (batchMinRecords === undefined)
    problems.push('QUARRY_BATCH_MIN_RECORDS must be a whole number from 1 to 50000');
  const batchPollSeconds = Number(text('QUARRY_BATCH_POLL_SECONDS') ?? '30');
  if (!(batchPollSeconds >= 0.05 && batchPollSeconds <= 3600))
    problems.push('QUARRY_BATCH_POLL_SECONDS must be a number of seconds from 0.05 to 3600');
  const passthroughDefaultCredentials = booleanOf(text('QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS') ?? 'true');
  if (passthroughDefaultCredentials === undefined)
    problems.push('QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS must be true or false');

  const logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: databaseUrl!,
    masterKey,
    redisUrl,
    port: port!,
    host: text('HOST') ?? '0.0.0.0',
    configPath: text('QUARRY_CONFIG'),
    awsEndpoint,
    s3Endpoint,
    allowedEndpointHosts: allowedEndpointHosts.hosts,
    // AWS_REGION_NAME is LiteLLM's name for it; the AWS SDK's own AWS_REGION wins when both are set.
    awsRegion: text('AWS_REGION') ?? text('AWS_REGION_NAME') ?? text('AWS_DEFAULT_REGION') ?? 'us-east-1',
    logLevel,
    shutdownGraceMs: shutdownGraceSeconds! * 1000,
    dataDir: path.resolve(text('QUARRY_DATA_DIR') ?? '.quarry'),
    batchMinRecords: batchMinRecords!,
    batchPollSeconds,
    passthroughDefaultCredentials: passthroughDefaultCredentials!,
  };
}

/** LiteLLM requires master keys to look like virtual keys; so do we, so that clients send them the same way. */
export function masterKeyProblems(masterKey: string, source: string): string[] {
  if (!masterKey.startsWith('sk-')) return [`${source} must start with "sk-"`];
  if (masterKey.length < 12) return [`${source} must be at least 12 characters long`];
  return [];
}

function integerIn(value: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

function booleanOf(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
