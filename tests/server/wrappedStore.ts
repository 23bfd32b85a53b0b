import type { DocStore, LogStats, StoredDoc } from '../../server/src/store/types';

/**
 * The real store with knobs a test turns: a slow or failing load, failing appends, a slow
 * compaction, and counters. Not a mock — every call that goes through reaches SQLite.
 */
export class WrappedStore implements DocStore {
  loadDelayMs = 0;
  compactDelayMs = 0;
  appendDelayMs = 0;
  failLoads = false;
  failAppends = false;
  loads = 0;
  appends = 0;
  compactions = 0;
  compactionsStarted = 0;

  constructor(readonly inner: DocStore) {}

  private async pause(ms: number): Promise<void> {
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async load(docName: string): Promise<StoredDoc> {
    this.loads += 1;
    await this.pause(this.loadDelayMs);
    if (this.failLoads) throw new Error('load failed (test)');
    return this.inner.load(docName);
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    if (this.failAppends) throw new Error('disk full (test)');
    this.appends += 1;
    await this.pause(this.appendDelayMs);
    return this.inner.append(docName, update);
  }

  readSince(docName: string, afterSeq: number): Promise<StoredDoc> {
    return this.inner.readSince(docName, afterSeq);
  }

  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<boolean> {
    this.compactionsStarted += 1;
    await this.pause(this.compactDelayMs);
    this.compactions += 1;
    return this.inner.compact(docName, snapshot, upToSeq);
  }

  stats(docName: string): Promise<LogStats> {
    return this.inner.stats(docName);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  deletePrefix(prefix: string): Promise<void> {
    return this.inner.deletePrefix(prefix);
  }

  healthy(): Promise<boolean> {
    return this.inner.healthy();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** One gauge or counter value from /metrics (sum over label sets matching `labels`). */
export async function metricValue(baseUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    if (labels && !rest.includes(labels)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
