// The live read of spend that budget checks use: the database's figure plus what this instance has booked
// and not written yet, so a request's cost counts from the moment it is booked, not from the next flush.
import { LiveSpend } from '../../apps/gateway/src/spend/live-spend.service';
import type { Principal } from '../../apps/gateway/src/tenancy/auth/principal';
import { startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture();
});

afterAll(async () => {
  await fixture?.close();
});

describe('LiveSpend', () => {
  it('counts a request’s cost as soon as it is booked, and exactly once after it is written', async () => {
    await fixture.flushSpend();
    const live = fixture.gateway.app.get(LiveSpend);
    const principal = {
      kind: 'key',
      key: { id: fixture.tenant.keyId },
      teamId: fixture.tenant.teamId,
      userId: fixture.tenant.userId,
    } as unknown as Principal;
    const before = await live.of(principal);

    const { response } = await fixture.client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'book me' }] })
      .withResponse();
    const cost = Number(response.headers.get('x-quarry-response-cost'));
    expect(cost).toBeGreaterThan(0);

    // Not flushed yet: the database still has the old figure, the live read already has the cost.
    const booked = await live.of(principal);
    expect(booked.key! - before.key!).toBeCloseTo(cost, 9);
    expect(booked.team! - before.team!).toBeCloseTo(cost, 9);
    expect(booked.user! - before.user!).toBeCloseTo(cost, 9);

    await fixture.flushSpend();
    const written = await live.of(principal);
    expect(written.key! - before.key!).toBeCloseTo(cost, 9);
    const stored = await fixture.prisma.virtualKey.findUnique({ where: { id: fixture.tenant.keyId } });
    expect(stored!.spend).toBeCloseTo(written.key!, 9);
  });
});
