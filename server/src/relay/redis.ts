import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeControl, decodeRelayMessage, encodeControl, encodeRelayMessage } from './redisCodec';
import type { ControlEvent, Relay, RelayMessage } from './types';

export interface RedisRelayOptions {
  /** REDIS_URL, e.g. redis://127.0.0.1:6379. */
  url: string;
  /** Channel namespace, default "isms:"; lets several deployments (or test runs) share Redis. */
  channelPrefix?: string;
  instanceId?: string;
  /** Called when a publish or handler fails; the relay itself never throws on the hot path. */
  onError?: (error: unknown, context: string) => void;
}

/**
 * Longest wait between reconnect attempts, ms. Backoff grows 100 ms per attempt up to 2 s:
 * a restarted Redis is back within a few seconds, and 2 s keeps the catch-up prompt.
 */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Control events kept while Redis is unreachable. 1000 is far more than an instructor issues in
 * an outage; beyond it the receivers' own resync (redisResync.ts) still restores the state.
 */
const MAX_UNSENT_CONTROL = 1_000;

/**
 * Cross-instance relay over Redis pub/sub (see docs/scale-out.md for why pub/sub + seq
 * catch-up rather than Streams). Two connections: one subscribed (a subscribed Redis
 * connection can do nothing else) and one publishing.
 *
 * Pub/sub is at-most-once. This relay makes losses detectable and bounded, the rooms repair
 * them (relay/redisReplication.ts):
 * - every update carries the store's per-document seq, so a receiver sees a gap;
 * - after the subscriber reconnects it re-subscribes every channel FIRST and only then calls the
 *   onResync handlers, so nothing published after the catch-up read can fall in between;
 * - a publish that fails while Redis is unreachable is remembered (the newest per document,
 *   and control events) and sent again when the publisher reconnects, so receivers learn of
 *   the gap promptly.
 */
export class RedisRelay implements Relay {
  readonly instanceId: string;
  private readonly prefix: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly docHandlers = new Map<string, (message: RelayMessage) => void>();
  private readonly controlHandlers: ((event: ControlEvent) => void)[] = [];
  private readonly resyncHandlers: (() => void)[] = [];
  private readonly unsent = new Map<string, RelayMessage>();
  private unsentControl: ControlEvent[] = [];
  private readonly onError: (error: unknown, context: string) => void;
  private subscriberConnectedOnce = false;
  private closed = false;

  private constructor(options: RedisRelayOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.prefix = options.channelPrefix ?? 'isms:';
    this.onError = options.onError ?? (() => undefined);
    const common = {
      retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
      // A publish while disconnected fails at once instead of queueing: the update is already
      // durable, receivers catch up from the store, and a queue would grow without bound.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    };
    this.publisher = new Redis(options.url, common);
    this.subscriber = new Redis(options.url, { ...common, autoResubscribe: false });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error) => this.onError(error, 'redis connection'));
    }
    this.publisher.on('ready', () => this.republishUnsent());
    this.subscriber.on('ready', () => void this.onSubscriberReady());
    this.subscriber.on('messageBuffer', (channel: Buffer, frame: Buffer) =>
      this.dispatch(channel.toString(), frame),
    );
  }

  static async open(options: RedisRelayOptions): Promise<RedisRelay> {
    const relay = new RedisRelay(options);
    try {
      await Promise.all([relay.publisher.connect(), relay.subscriber.connect()]);
      await relay.subscriber.subscribe(relay.controlChannel());
    } catch (error) {
      await relay.close();
      throw error;
    }
    return relay;
  }

  async subscribe(docName: string, onMessage: (message: RelayMessage) => void): Promise<void> {
    this.docHandlers.set(docName, onMessage);
    try {
      await this.subscriber.subscribe(this.docChannel(docName));
    } catch (error) {
      // Redis unreachable: the room still loads and works on this instance. Its channel is
      // subscribed on reconnect, and the resync that follows catches it up from the store.
      this.onError(error, 'relay subscribe');
    }
  }

  async unsubscribe(docName: string): Promise<void> {
    this.docHandlers.delete(docName);
    this.unsent.delete(docName);
    if (this.subscriber.status === 'ready') {
      await this.subscriber.unsubscribe(this.docChannel(docName));
    }
  }

  async publish(message: RelayMessage): Promise<void> {
    try {
      await this.publisher.publish(
        this.docChannel(message.docName),
        Buffer.from(encodeRelayMessage(message)),
      );
    } catch (error) {
      if (message.kind === 'update') this.unsent.set(message.docName, message);
      this.onError(error, 'relay publish');
    }
  }

  /** A control event that cannot be sent now is kept and sent when Redis is back. */
  async publishControl(event: ControlEvent): Promise<void> {
    try {
      await this.publisher.publish(this.controlChannel(), encodeControl(this.instanceId, event));
    } catch (error) {
      if (this.unsentControl.length < MAX_UNSENT_CONTROL) this.unsentControl.push(event);
      throw error;
    }
  }

  onControl(handler: (event: ControlEvent) => void): void {
    this.controlHandlers.push(handler);
  }

  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.docHandlers.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private docChannel(docName: string): string {
    return `${this.prefix}doc:${docName}`;
  }

  private controlChannel(): string {
    return `${this.prefix}control`;
  }

  private dispatch(channel: string, frame: Buffer): void {
    try {
      if (channel === this.controlChannel()) {
        const control = decodeControl(frame.toString());
        if (!control || control.origin === this.instanceId) return;
        for (const handler of this.controlHandlers) handler(control.event);
        return;
      }
      const message = decodeRelayMessage(frame);
      if (!message || message.origin === this.instanceId) return;
      this.docHandlers.get(message.docName)?.(message);
    } catch (error) {
      this.onError(error, 'relay handler');
    }
  }

  private async onSubscriberReady(): Promise<void> {
    if (!this.subscriberConnectedOnce) {
      this.subscriberConnectedOnce = true;
      return;
    }
    try {
      const channels = [
        this.controlChannel(),
        ...[...this.docHandlers.keys()].map((name) => this.docChannel(name)),
      ];
      await this.subscriber.subscribe(...channels);
    } catch (error) {
      // The connection dropped again; the next 'ready' retries the whole resync.
      this.onError(error, 'relay resubscribe');
      return;
    }
    for (const handler of this.resyncHandlers) handler();
  }

  private republishUnsent(): void {
    const pending = [...this.unsent.values()];
    this.unsent.clear();
    for (const message of pending) void this.publish(message);
    const control = this.unsentControl;
    this.unsentControl = [];
    for (const event of control) {
      this.publishControl(event).catch((error: unknown) =>
        this.onError(error, 'control republish'),
      );
    }
  }
}
