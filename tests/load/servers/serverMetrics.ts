/**
 * Reads our server's Prometheus text (/metrics): the persist-latency histogram gives the
 * per-update cost of the durable append (SQLite or PostgreSQL) measured inside the server.
 * The reference has no /metrics; its "okay" page parses to zeros.
 */
const PERSIST = 'isms_persist_latency_seconds';

export interface PersistTotals {
  /** Seconds spent appending, summed over updates. */
  sum: number;
  /** Seconds of garbage collection (prom-client's nodejs_gc_duration_seconds), all kinds. */
  gcSeconds: number;
  /** WebSocket frames the servers sent (isms_frames_out_total). */
  framesOut: number;
  /** The server's event-loop delay p99 since its previous scrape, s (max over instances). */
  loopDelayP99: number;
  /** Updates appended. */
  count: number;
  /** Cumulative histogram: bucket upper bound (s) → appends at most that long. */
  buckets: Map<number, number>;
}

const BUCKET = new RegExp(`^${PERSIST}_bucket\\{.*le="([^"]+)".*\\} (\\S+)$`);

function addBuckets(into: Map<number, number>, text: string): void {
  for (const line of text.split('\n')) {
    const match = BUCKET.exec(line);
    if (!match) continue;
    const bound = match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]);
    into.set(bound, (into.get(bound) ?? 0) + Number(match[2]));
  }
}

function metricValue(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    // "<name> <value>" or "<name>{labels} <value>".
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
    }
  }
  return total;
}

export async function persistTotals(httpUrls: string[]): Promise<PersistTotals> {
  const totals = {
    sum: 0,
    count: 0,
    gcSeconds: 0,
    framesOut: 0,
    loopDelayP99: 0,
    buckets: new Map<number, number>(),
  };
  for (const url of httpUrls) {
    const text = await fetch(`${url}/metrics`).then(
      (response) => response.text(),
      () => '',
    );
    totals.sum += metricValue(text, `${PERSIST}_sum`);
    totals.count += metricValue(text, `${PERSIST}_count`);
    totals.gcSeconds += metricValue(text, 'nodejs_gc_duration_seconds_sum');
    totals.framesOut += metricValue(text, 'isms_frames_out_total');
    totals.loopDelayP99 = Math.max(
      totals.loopDelayP99,
      metricValue(text, 'isms_event_loop_delay_p99_seconds'),
    );
    addBuckets(totals.buckets, text);
  }
  return totals;
}

/** Mean append latency between two readings, ms (NaN when nothing was appended). */
export function meanPersistMs(before: PersistTotals, after: PersistTotals): number {
  const count = after.count - before.count;
  return count > 0 ? ((after.sum - before.sum) / count) * 1000 : Number.NaN;
}

/**
 * p99 append latency between two readings, ms, as the upper bound of the histogram bucket it
 * falls in (the server's buckets: 0.5 ms … 1 s). NaN when nothing was appended.
 */
export function persistP99Ms(before: PersistTotals, after: PersistTotals): number {
  const total = after.count - before.count;
  if (total <= 0) return Number.NaN;
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b);
  for (const bound of bounds) {
    const within = (after.buckets.get(bound) ?? 0) - (before.buckets.get(bound) ?? 0);
    if (within >= 0.99 * total) return bound * 1000;
  }
  return Number.NaN;
}

/** GC time between two readings as % of the window (NaN for the reference: no /metrics). */
export function gcPercent(before: PersistTotals, after: PersistTotals, windowMs: number): number {
  if (after.count === 0) return Number.NaN;
  return ((after.gcSeconds - before.gcSeconds) * 1000 * 100) / windowMs;
}

/** Event-loop delay p99 over the window, ms: the gauge resets at each scrape, so the reading
 *  taken after the window covers exactly the window. NaN for the reference. */
export function loopDelayP99Ms(after: PersistTotals): number {
  return after.count === 0 ? Number.NaN : after.loopDelayP99 * 1000;
}
