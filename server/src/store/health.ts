/**
 * Whether this instance's store can be used right now, known without waiting on it.
 *
 * A stalled database (a network cut without a reset) makes every query wait for its own timeout;
 * asking the database "are you there?" from /readyz or a join would then hang as long. Instead a
 * small probe runs in the background with its own short deadline, and everyone reads the
 * cached answer: /readyz answers at once, joins and room loads are refused at once
 * (`guard`), and rooms hold their writes until the store is back (sync/roomWriter.ts).
 *
 * Two inputs: `reachable` (the last probe answered within `timeoutMs`) and `writesFailing` (the
 * last write was refused — a full disk answers probes but refuses writes). `available` is
 * both; it drives /readyz and the `storeStatus` message to clients.
 */
export class StoreUnavailableError extends Error {
  constructor() {
    super('the store is unavailable');
    this.name = 'StoreUnavailableError';
  }
}

export interface StoreHealthOptions {
  /**
   * One round trip to the store; true if it answered. Not called again before the previous call
   * settled or timed out; one that hangs past its timeout should free its connection itself.
   */
  probe: () => Promise<boolean>;
  /** Pause between two probes, ms (ServerTimings.storeProbeIntervalMs). */
  intervalMs: number;
  /** A probe not answered within this is a failure, ms (ServerTimings.storeProbeTimeoutMs). */
  timeoutMs: number;
}

export type StoreHealthListener = (available: boolean) => void;

export class StoreHealth {
  private reachableNow = true;
  private writesFailing = false;
  private probing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly listeners = new Set<StoreHealthListener>();
  /** Rejecters of guarded calls in flight: they fail at once when the store becomes unreachable. */
  private readonly inFlight = new Set<() => void>();

  constructor(private readonly options: StoreHealthOptions) {}

  get reachable(): boolean {
    return this.reachableNow;
  }

  /** Reachable and accepting writes: /readyz, and what clients are told. */
  get available(): boolean {
    return this.reachableNow && !this.writesFailing;
  }

  /** Called with the new `available` on every change (and on `reachable` changes). */
  onChange(listener: StoreHealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.checkNow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /** A write succeeded or failed. A failure also probes at once (it may be an outage). */
  reportWrite(ok: boolean): void {
    if (this.writesFailing === ok) {
      this.writesFailing = !ok;
      this.emit();
    }
    if (!ok) void this.checkNow();
  }

  /** Probes now (or joins the probe under way) instead of at the next period. */
  checkNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.probing) return this.probing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.probing = this.probeOnce().finally(() => {
      this.probing = null;
      if (!this.stopped)
        this.timer = setTimeout(() => void this.checkNow(), this.options.intervalMs);
    });
    return this.probing;
  }

  /**
   * Runs a store read unless the store is known to be unreachable, and abandons it (rejects
   * with StoreUnavailableError) the moment the store becomes unreachable while it waits. A call
   * that fails on its own re-probes: if the store is gone, the caller sees StoreUnavailableError
   * (503 / 4004) rather than a driver error (500).
   */
  guard<T>(task: () => Promise<T>): Promise<T> {
    return this.run(task, true);
  }

  /**
   * For writes: refused up front while the store is unreachable, but never abandoned once sent
   * (it may still commit; the caller must learn its real outcome, not a guess).
   */
  guardWrite<T>(task: () => Promise<T>): Promise<T> {
    return this.run(task, false);
  }

  private run<T>(task: () => Promise<T>, abandonable: boolean): Promise<T> {
    if (!this.reachableNow) return Promise.reject(new StoreUnavailableError());
    return new Promise<T>((resolve, reject) => {
      const abandon = () => reject(new StoreUnavailableError());
      if (abandonable) this.inFlight.add(abandon);
      Promise.resolve()
        .then(task)
        .then(resolve, async (error: unknown) => {
          await this.checkNow();
          reject(this.reachableNow ? error : new StoreUnavailableError());
        })
        .finally(() => this.inFlight.delete(abandon));
    });
  }

  private async probeOnce(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.options.timeoutMs);
    });
    const answered = this.options.probe().catch(() => false);
    const ok = await Promise.race([answered, deadline]);
    clearTimeout(timer);
    if (this.stopped || ok === this.reachableNow) return;
    this.reachableNow = ok;
    if (!ok) {
      for (const abandon of [...this.inFlight]) abandon();
    }
    this.emit();
  }

  private emit(): void {
    const available = this.available;
    for (const listener of [...this.listeners]) listener(available);
  }
}
