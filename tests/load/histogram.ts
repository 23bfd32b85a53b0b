/**
 * A log-bucketed latency histogram: constant memory however many deliveries a run makes, cheap
 * to send between processes, mergeable, and 1 % relative precision — plenty for p50…p99 of
 * delivery latencies that span 0.1 ms to seconds.
 */

/** Smallest latency resolved, ms. Anything below lands in bucket 0 (clock granularity ~µs). */
const FLOOR_MS = 0.01;
/** Bucket growth factor: each bucket is 1 % wider than the previous → 1 % quantile error. */
const GROWTH = 1.01;
/** Buckets to cover FLOOR_MS … ~600 s (log(6e7) / log(1.01) ≈ 1,800). */
const BUCKETS = 1800;

export interface HistogramData {
  counts: number[];
  max: number;
  total: number;
}

export function emptyHistogram(): HistogramData {
  return { counts: new Array<number>(BUCKETS).fill(0), max: 0, total: 0 };
}

/** Zeroes a histogram in place (clients hold a reference to it). */
export function resetHistogram(histogram: HistogramData): void {
  histogram.counts.fill(0);
  histogram.max = 0;
  histogram.total = 0;
}

function bucketOf(valueMs: number): number {
  if (valueMs <= FLOOR_MS) return 0;
  const index = Math.ceil(Math.log(valueMs / FLOOR_MS) / Math.log(GROWTH));
  return Math.min(index, BUCKETS - 1);
}

function upperBound(bucket: number): number {
  return FLOOR_MS * GROWTH ** bucket;
}

export function record(histogram: HistogramData, valueMs: number): void {
  const bucket = bucketOf(Math.max(0, valueMs));
  histogram.counts[bucket] = (histogram.counts[bucket] ?? 0) + 1;
  histogram.total += 1;
  if (valueMs > histogram.max) histogram.max = valueMs;
}

export function merge(into: HistogramData, from: HistogramData): void {
  from.counts.forEach((count, bucket) => {
    into.counts[bucket] = (into.counts[bucket] ?? 0) + count;
  });
  into.total += from.total;
  into.max = Math.max(into.max, from.max);
}

/** The q-quantile (0…1) in ms, as the upper bound of its bucket (never above the true max). */
export function quantile(histogram: HistogramData, q: number): number {
  if (histogram.total === 0) return Number.NaN;
  const rank = Math.ceil(q * histogram.total);
  let seen = 0;
  for (let bucket = 0; bucket < histogram.counts.length; bucket++) {
    seen += histogram.counts[bucket] ?? 0;
    if (seen >= rank) return Math.min(upperBound(bucket), histogram.max);
  }
  return histogram.max;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(histogram: HistogramData): LatencySummary {
  return {
    count: histogram.total,
    p50: quantile(histogram, 0.5),
    p95: quantile(histogram, 0.95),
    p99: quantile(histogram, 0.99),
    max: histogram.max,
  };
}
