/**
 * Reads our server's Prometheus text (/metrics): the persist-latency histogram gives the
 * per-update cost of the durable append (SQLite or PostgreSQL) measured inside the server.
 * The reference has no /metrics; its "okay" page parses to zeros.
 */
const PERSIST = 'isms_persist_latency_seconds';

export interface PersistTotals {
  /** Seconds spent appending, summed over updates. */
  sum: number;
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
  const totals = { sum: 0, count: 0, buckets: new Map<number, number>() };
  for (const url of httpUrls) {
    const text = await fetch(`${url}/metrics`).then(
      (response) => response.text(),
      () => '',
    );
    totals.sum += metricValue(text, `${PERSIST}_sum`);
    totals.count += metricValue(text, `${PERSIST}_count`);
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
