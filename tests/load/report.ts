import type { LoadResult } from './runLoad';

/** Markdown tables for the results, printed to stdout and pasted into BENCHMARKS.md. */

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}

function ratio(ours: number, reference: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(reference) || reference === 0) return '–';
  return `${(ours / reference).toFixed(2)}×`;
}

interface Row {
  metric: string;
  value: (result: LoadResult) => number;
  format: (value: number) => string;
}

const ROWS: Row[] = [
  { metric: 'connect+sync p50 (ms)', value: (r) => r.connect.p50, format: ms },
  { metric: 'connect+sync p95 (ms)', value: (r) => r.connect.p95, format: ms },
  { metric: 'connect failures', value: (r) => r.connect.failed, format: String },
  { metric: 'delivery p50 (ms)', value: (r) => r.latency.p50, format: ms },
  { metric: 'delivery p95 (ms)', value: (r) => r.latency.p95, format: ms },
  { metric: 'delivery p99 (ms)', value: (r) => r.latency.p99, format: ms },
  { metric: 'delivery max (ms)', value: (r) => r.latency.max, format: ms },
  {
    metric: 'delivered updates/s',
    value: (r) => r.deliveredPerSecond,
    format: (v) => v.toFixed(0),
  },
  { metric: 'expected deliveries', value: (r) => r.expected, format: String },
  { metric: 'undelivered', value: (r) => r.undelivered, format: String },
  { metric: 'rooms not converged', value: (r) => r.divergentRooms, format: String },
  { metric: 'client reconnects', value: (r) => r.reconnects, format: String },
  { metric: 'permission-denied answers', value: (r) => r.permissionDenied, format: String },
  {
    metric: 'server CPU (% of a core)',
    value: (r) => r.server.cpuPercent,
    format: (v) => v.toFixed(0),
  },
  {
    metric: 'server CPU per delivered update (µs)',
    value: (r) => ((r.server.cpuPercent / 100) * 1e6) / r.deliveredPerSecond,
    format: (v) => v.toFixed(1),
  },
  { metric: 'server mean durable append (ms)', value: (r) => r.server.persistMeanMs, format: ms },
  {
    metric: 'server durable append p99 (ms, bucket bound)',
    value: (r) => r.server.persistP99Ms,
    format: ms,
  },
  {
    metric: 'server event-loop delay p99 (ms)',
    value: (r) => r.server.loopDelayP99Ms,
    format: ms,
  },
  {
    metric: 'server frames sent per delivered update',
    value: (r) => r.server.framesOut / (r.deliveredPerSecond * (r.spec.durationMs / 1000)),
    format: (v) => (Number.isNaN(v) ? '–' : v.toFixed(2)),
  },
  {
    metric: 'server GC (% of the run)',
    value: (r) => r.server.gcPercent,
    format: (v) => (Number.isNaN(v) ? '–' : v.toFixed(1)),
  },
  { metric: 'server peak RSS (MB)', value: (r) => r.server.peakRssMb, format: (v) => v.toFixed(0) },
  {
    metric: 'generator CPU (% of a core)',
    value: (r) => r.generator.cpuPercent,
    format: (v) => v.toFixed(0),
  },
  {
    metric: 'generator event-loop p99 (ms)',
    value: (r) => r.generator.eventLoopP99Ms,
    format: ms,
  },
  {
    metric: 'other processes CPU (% of a core)',
    value: (r) => r.otherCpuPercent,
    format: (v) => v.toFixed(0),
  },
];

/** One column per result; with exactly two (reference first), a ratio column ours/reference. */
export function comparisonTable(results: LoadResult[]): string {
  const withRatio = results.length === 2;
  const header = ['metric', ...results.map((r) => r.target), ...(withRatio ? ['ratio'] : [])];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const spec of ROWS) {
    const values = results.map(spec.value);
    const cells = values.map(spec.format);
    if (withRatio) cells.push(ratio(values[1] ?? Number.NaN, values[0] ?? Number.NaN));
    lines.push(row([spec.metric, ...cells]));
  }
  return lines.join('\n');
}

export function describe(result: LoadResult): string {
  const { spec } = result;
  const edit = spec.rates.editIntervalMs ? `1 edit/${spec.rates.editIntervalMs} ms` : 'no edits';
  const presence = spec.rates.awarenessIntervalMs
    ? `awareness every ${spec.rates.awarenessIntervalMs} ms`
    : 'no awareness';
  return `${spec.rooms} rooms × ${spec.clientsPerRoom} clients, ${edit} per client, ${presence}, ${spec.durationMs / 1000} s + ${spec.drainMs / 1000} s drain, ${spec.workers} generator processes`;
}

export function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
