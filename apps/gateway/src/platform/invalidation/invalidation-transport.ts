/** A channel between gateway instances. Messages are opaque strings (see invalidation-event.ts). */
export interface InvalidationTransport {
  readonly name: string;
  /**
   * Connects and starts delivering messages. `onReconnected` runs after a connection was lost and
   * regained: messages may have been missed meanwhile, so the receiver must drop everything it caches.
   */
  start(onMessage: (payload: string) => void, onReconnected: () => void): Promise<void>;
  publish(payload: string): Promise<void>;
  stop(): Promise<void>;
}
