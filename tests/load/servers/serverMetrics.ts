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
  const totals = { sum: 0, count: 0 };
  for (const url of httpUrls) {
    const text = await fetch(`${url}/metrics`).then(
      (response) => response.text(),
      () => '',
    );
    totals.sum += metricValue(text, `${PERSIST}_sum`);
    totals.count += metricValue(text, `${PERSIST}_count`);
  }
  return totals;
}

/** Mean append latency between two readings, ms (NaN when nothing was appended). */
export function meanPersistMs(before: PersistTotals, after: PersistTotals): number {
  const count = after.count - before.count;
  return count > 0 ? ((after.sum - before.sum) / count) * 1000 : Number.NaN;
}
