import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one server. Each server owns its own registry (tests start several in
 * one process) and disposes the event-loop monitor with `stop()`.
 */
/** Event-loop delay sampling interval, ms. */
const LOOP_RESOLUTION_MS = 20;

export class ServerMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'isms_connections',
    help: 'Open sync WebSocket connections',
    registers: [this.registry],
  });
  readonly rooms = new Gauge({
    name: 'isms_rooms',
    help: 'Documents loaded in memory',
    registers: [this.registry],
  });
  readonly framesIn = new Counter({
    name: 'isms_frames_in_total',
    help: 'Frames received from clients',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly bytesIn = new Counter({
    name: 'isms_bytes_in_total',
    help: 'Bytes received from clients',
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'isms_frames_out_total',
    help: 'Frames sent to clients',
    registers: [this.registry],
  });
  readonly bytesOut = new Counter({
    name: 'isms_bytes_out_total',
    help: 'Bytes sent to clients',
    registers: [this.registry],
  });
  readonly rejectedFrames = new Counter({
    name: 'isms_rejected_frames_total',
    help: 'Frames rejected, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly closes = new Counter({
    name: 'isms_closes_total',
    help: 'Sockets closed, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly upgradeRejections = new Counter({
    name: 'isms_upgrade_rejections_total',
    help: 'WebSocket upgrades refused, by HTTP status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  /** Seconds from append to durable commit; buckets 0.5 ms … 1 s around the 10 ms p99 target. */
  readonly persistLatency = new Histogram({
    name: 'isms_persist_latency_seconds',
    help: 'Time from append to durable commit',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly loopDelay: IntervalHistogram;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // 20 ms resolution: fine enough to see GC or sync-I/O stalls, cheap enough to leave on.
    this.loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.loopDelay.enable();
    const loopDelay = this.loopDelay;
    new Gauge({
      name: 'isms_event_loop_delay_p99_seconds',
      help: 'p99 event-loop delay since the previous scrape',
      registers: [this.registry],
      collect() {
        // The histogram records the time between ticks, i.e. the resolution plus the delay.
        this.set(Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS) / 1000);
        loopDelay.reset();
      },
    });
  }

  stop(): void {
    this.loopDelay.disable();
  }
}
