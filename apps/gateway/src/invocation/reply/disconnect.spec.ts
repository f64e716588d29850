import { Disconnect } from './client-reply';

describe('Disconnect', () => {
  it('flags the hang-up with its reason and aborts the call once', () => {
    const onGone = jest.fn();
    const disconnect = new Disconnect(onGone);
    disconnect.hungUp();
    disconnect.hungUp();
    expect(disconnect.aborted).toBe(true);
    expect(disconnect.reason?.message).toBe('client disconnected');
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(onGone).toHaveBeenCalledWith(disconnect.reason);
  });

  it('aborts nothing once the call is over, and holds no reference to it', () => {
    const onGone = jest.fn();
    const disconnect = new Disconnect(onGone);
    disconnect.stop();
    disconnect.hungUp();
    expect(onGone).not.toHaveBeenCalled();
    expect(Object.values(disconnect)).not.toContain(onGone);
  });
});
