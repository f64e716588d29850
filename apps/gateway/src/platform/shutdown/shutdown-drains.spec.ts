import { ShutdownDrains } from './shutdown-drains';

describe('ShutdownDrains', () => {
  it('runs every registered drain, even when one of them fails', async () => {
    const drains = new ShutdownDrains();
    const ran: string[] = [];
    drains.register(async () => {
      ran.push('first');
      throw new Error('database gone');
    });
    drains.register(async () => void ran.push('second'));
    await drains.drainAll();
    expect(ran.sort()).toEqual(['first', 'second']);
  });
});
