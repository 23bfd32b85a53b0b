import type { DocStore, LogStats, StoredDoc, StoredUpdate } from './types';

interface MemoryDoc {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  lastSeq: number;
  updates: StoredUpdate[];
}

/**
 * The documents of an in-memory store. Several MemoryDocStore instances may share one
 * backend, which is how the contract suite models several server instances on one database.
 */
export class MemoryBackend {
  readonly docs = new Map<string, MemoryDoc>();
}

/** An in-memory DocStore for unit tests; it follows the same contract as SQLite and PostgreSQL. */
export class MemoryDocStore implements DocStore {
  private closed = false;

  constructor(private readonly backend = new MemoryBackend()) {}

  async load(docName: string): Promise<StoredDoc> {
    return this.readSince(docName, 0);
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    this.assertOpen();
    const doc = this.docOf(docName, true);
    doc.lastSeq += 1;
    doc.updates.push({ seq: doc.lastSeq, update: update.slice() });
    return doc.lastSeq;
  }

  async readSince(docName: string, afterSeq: number): Promise<StoredDoc> {
    this.assertOpen();
    const doc = this.docOf(docName, false);
    if (!doc) return { snapshot: null, snapshotSeq: afterSeq, updates: [] };
    const needsSnapshot = afterSeq < doc.snapshotSeq;
    return {
      snapshot: needsSnapshot ? doc.snapshot : null,
      snapshotSeq: needsSnapshot ? doc.snapshotSeq : afterSeq,
      updates: doc.updates.filter((entry) => entry.seq > afterSeq),
    };
  }

  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<boolean> {
    this.assertOpen();
    const doc = this.docOf(docName, false);
    // A compaction covering no more than the stored snapshot is stale: applying it would
    // replace a newer snapshot by an older one and lose updates.
    if (!doc || upToSeq <= doc.snapshotSeq || upToSeq > doc.lastSeq) return false;
    doc.snapshot = snapshot.slice();
    doc.snapshotSeq = upToSeq;
    doc.updates = doc.updates.filter((entry) => entry.seq > upToSeq);
    return true;
  }

  async stats(docName: string): Promise<LogStats> {
    this.assertOpen();
    const doc = this.docOf(docName, false);
    if (!doc) return { count: 0, bytes: 0, lastSeq: 0 };
    const logBytes = doc.updates.reduce((sum, entry) => sum + entry.update.byteLength, 0);
    return {
      count: doc.updates.length,
      bytes: logBytes + (doc.snapshot?.byteLength ?? 0),
      lastSeq: doc.lastSeq,
    };
  }

  async list(prefix: string): Promise<string[]> {
    this.assertOpen();
    return [...this.backend.docs.keys()].filter((name) => name.startsWith(prefix));
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.assertOpen();
    for (const name of await this.list(prefix)) this.backend.docs.delete(name);
  }

  async healthy(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private docOf(docName: string, create: true): MemoryDoc;
  private docOf(docName: string, create: false): MemoryDoc | undefined;
  private docOf(docName: string, create: boolean): MemoryDoc | undefined {
    let doc = this.backend.docs.get(docName);
    if (!doc && create) {
      doc = { snapshot: null, snapshotSeq: 0, lastSeq: 0, updates: [] };
      this.backend.docs.set(docName, doc);
    }
    return doc;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store closed');
  }
}
