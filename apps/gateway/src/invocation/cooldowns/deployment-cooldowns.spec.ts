import pino from 'pino';
import { OpenAIError } from '@quarry/openai';
import { DEFAULT_COOLDOWN_SETTINGS } from '../../platform/config/cooldown-settings';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { DeploymentCooldowns } from './deployment-cooldowns';

const logger = pino({ level: 'silent' });

function deployment(id: string, litellmParams: Record<string, unknown> = {}): ResolvedDeployment {
  return { deployment: { id, litellmParams } } as unknown as ResolvedDeployment;
}

const [a, b] = [deployment('a'), deployment('b', { cooldown_time: 30 })];
const ids = (list: readonly ResolvedDeployment[]) => list.map((target) => target.deployment.id);

function cooldowns(settings = {}) {
  let now = 1_000_000;
  const subject = new DeploymentCooldowns(
    { ...DEFAULT_COOLDOWN_SETTINGS, ...settings },
    undefined,
    logger,
    () => now,
  );
  return { subject, advance: (ms: number) => (now += ms), now: () => now };
}

describe('DeploymentCooldowns', () => {
  it('takes a deployment out after more than allowed_fails failures in a minute, and brings it back after cooldown_time', () => {
    const { subject, advance } = cooldowns({ allowedFails: 2, cooldownTimeMs: 5_000 });
    subject.recordFailure(a, 2);
    subject.recordFailure(a, 2);
    expect(ids(subject.available('m', [a, b]))).toEqual(['a', 'b']);
    subject.recordFailure(a, 2);
    expect(ids(subject.available('m', [a, b]))).toEqual(['b']);
    expect(subject.stateOf('a')).toEqual({ status: 'cooling_down', cooldownUntil: expect.any(Date) });
    advance(4_999);
    expect(subject.isAvailable(a)).toBe(false);
    advance(1);
    expect(ids(subject.available('m', [a, b]))).toEqual(['a', 'b']);
    expect(subject.stateOf('a')).toEqual({ status: 'healthy' });
    // The cooldown used up the failures: one more is not enough to go out again.
    subject.recordFailure(a, 2);
    expect(subject.isAvailable(a)).toBe(true);
  });

  it('forgets failures older than a minute', () => {
    const { subject, advance } = cooldowns({ allowedFails: 1 });
    subject.recordFailure(a, 2);
    advance(60_000);
    subject.recordFailure(a, 2);
    expect(subject.isAvailable(a)).toBe(true);
  });

  it('never cools down the only deployment of a model, nor anything with disable_cooldowns', () => {
    const single = cooldowns({ allowedFails: 0 });
    single.subject.recordFailure(a, 1);
    expect(single.subject.isAvailable(a)).toBe(true);
    const disabled = cooldowns({ allowedFails: 0, disabled: true });
    disabled.subject.recordFailure(a, 2);
    expect(disabled.subject.isAvailable(a)).toBe(true);
  });

  it('answers a 429 with Retry-After when every deployment is cooling down, from the first to return', () => {
    const { subject } = cooldowns({ allowedFails: 0, cooldownTimeMs: 5_000 });
    subject.recordFailure(a, 2);
    subject.recordFailure(b, 2); // its own cooldown_time: 30 s
    let refusal: unknown;
    try {
      subject.available('claude', [a, b]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(OpenAIError);
    expect(refusal).toMatchObject({
      status: 429,
      code: 'deployments_cooling_down',
      headers: { 'Retry-After': '5' },
    });
    expect((refusal as OpenAIError).message).toContain('Every deployment of model "claude" is cooling down');
  });

  it('adopts cooldowns announced by other instances, for the time they have left', async () => {
    let deliver: (id: string, remainingMs: number) => void = () => undefined;
    const broadcast = {
      start: async (onCooldown: typeof deliver) => void (deliver = onCooldown),
      countFailure: async () => 0,
      announce: jest.fn(async () => undefined),
      stop: async () => undefined,
    };
    let now = 0;
    const subject = new DeploymentCooldowns(DEFAULT_COOLDOWN_SETTINGS, broadcast, logger, () => now);
    await subject.onModuleInit();
    deliver('a', 2_000);
    expect(subject.isAvailable(a)).toBe(false);
    now += 2_000;
    expect(subject.isAvailable(a)).toBe(true);
  });

  it('starts a cooldown when the failures counted by all instances pass allowed_fails, and announces it', async () => {
    const broadcast = {
      start: async () => undefined,
      countFailure: async () => 4,
      announce: jest.fn(async () => undefined),
      stop: async () => undefined,
    };
    const subject = new DeploymentCooldowns(
      { ...DEFAULT_COOLDOWN_SETTINGS, allowedFails: 3 },
      broadcast,
      logger,
    );
    subject.recordFailure(b, 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(subject.isAvailable(b)).toBe(false);
    expect(broadcast.announce).toHaveBeenCalledWith('b', 30_000);
  });
});
