// Counters in Redis, shared by every gateway instance: each check is one Lua script, which reads every
// counter, refuses if one is over, and otherwise takes from all of them — atomically, so two instances
// can never both take the last request of a minute. If Redis does not answer, calls are let through
// (and logged): an outage of the counters must not become an outage of the gateway.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  counterKey,
  LimitCounters,
  PARALLEL_TTL_MS,
  windowResetMs,
  type Adjustment,
  type CounterCheck,
  type Taken,
} from './limit-counters';

const KEY_PREFIX = 'quarry:limits:';

// KEYS: counters. ARGV per counter: kind (r|t|p), limit, amount, ttl ms.
// Returns {0, value after, …} when taken, or {index refused (1-based), pttl} when refused.
const TAKE_SCRIPT = `
local values = {}
for i = 1, #KEYS do
  local base = (i - 1) * 4
  local kind = ARGV[base + 1]
  local limit = tonumber(ARGV[base + 2])
  local amount = tonumber(ARGV[base + 3])
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  if (kind == 't' and current >= limit) or (kind ~= 't' and current + amount > limit) then
    return {i, redis.call('PTTL', KEYS[i])}
  end
end
local result = {0}
for i = 1, #KEYS do
  local base = (i - 1) * 4
  result[i + 1] = redis.call('INCRBY', KEYS[i], ARGV[base + 3])
  redis.call('PEXPIRE', KEYS[i], ARGV[base + 4])
end
return result`;

// KEYS: counters. ARGV: deltas. A counter whose window ended is not brought back; none goes below 0.
const ADJUST_SCRIPT = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    if redis.call('INCRBY', KEYS[i], ARGV[i]) < 0 then redis.call('SET', KEYS[i], 0, 'KEEPTTL') end
  end
end
return 0`;

const KIND_CODE = { requests: 'r', tokens: 't', parallel: 'p' } as const;

type ScriptedRedis = Redis & {
  quarryTake(keys: number, ...args: (string | number)[]): Promise<number[]>;
  quarryAdjust(keys: number, ...args: (string | number)[]): Promise<number>;
};

export class RedisLimitCounters extends LimitCounters {
  private readonly redis: ScriptedRedis;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
  ) {
    super();
    const redis = new Redis(redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      commandTimeout: 1_000,
    });
    redis.defineCommand('quarryTake', { lua: TAKE_SCRIPT });
    redis.defineCommand('quarryAdjust', { lua: ADJUST_SCRIPT });
    redis.on('error', (error: Error) =>
      logger.warn({ err: error.message }, 'rate-limit Redis connection error'),
    );
    this.redis = redis as ScriptedRedis;
  }

  async take(checks: readonly CounterCheck[], now: number): Promise<Taken> {
    const keys = checks.map((check) => KEY_PREFIX + counterKey(check, now));
    const args: (string | number)[] = [];
    for (const check of checks) {
      const ttl = check.kind === 'parallel' ? PARALLEL_TTL_MS : windowResetMs(check.kind, now) + 1_000;
      args.push(KIND_CODE[check.kind], check.limit, check.amount, ttl);
    }
    let result: number[];
    try {
      result = await this.redis.quarryTake(keys.length, ...keys, ...args);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate-limit check skipped: Redis did not answer');
      return { ok: true, readings: [], held: [] };
    }
    if (result[0] !== 0) {
      const refusedBy = checks[result[0] - 1];
      const pttl = Number(result[1]);
      return {
        ok: false,
        refusedBy,
        retryAfterMs:
          refusedBy.kind === 'parallel' ? 1_000 : pttl > 0 ? pttl : windowResetMs(refusedBy.kind, now),
      };
    }
    return {
      ok: true,
      readings: checks.map((check, index) => ({
        check,
        remaining: Math.max(0, check.limit - Number(result[index + 1])),
        resetMs: windowResetMs(check.kind, now),
      })),
      held: checks.map((check, index) => ({ key: keys[index], kind: check.kind, amount: check.amount })),
    };
  }

  async adjust(adjustments: readonly Adjustment[]): Promise<void> {
    if (adjustments.length === 0) return;
    try {
      await this.redis.quarryAdjust(
        adjustments.length,
        ...adjustments.map((adjustment) => adjustment.key),
        ...adjustments.map((adjustment) => Math.round(adjustment.delta)),
      );
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'rate-limit counters not corrected: Redis did not answer',
      );
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
