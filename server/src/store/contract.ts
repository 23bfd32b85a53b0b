import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from './types';

/**
 * The storage contract (style principle 5): every DocStore — memory, SQLite, PostgreSQL —
 * runs this suite. `makeStore` may be called several times in one test and every call must
 * return a store over the SAME backend (same file, same database, same memory), so the
 * suite can check what several server instances sharing one database do. The suite closes
 * every store it makes; `cleanup` (optional) then releases the backend after each test.
 * Document names are unique per test, so runs never collide on a shared database.
 * A single-process backend (SQLite) may return the same instance from every call; `close`
 * must then be idempotent.
 */
export function describeDocStoreContract(
  name: string,
  makeStore: () => Promise<DocStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`DocStore contract: ${name}`, () => {
    const opened: DocStore[] = [];
    const open = async (): Promise<DocStore> => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await cleanup?.();
    });

    it('loads an unknown document as empty', async () => {
      const store = await open();
      const doc = await store.load(uniqueDocName());
      expect(doc).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
      expect(await store.stats(uniqueDocName())).toEqual({ count: 0, bytes: 0, lastSeq: 0 });
    });

    it('returns strictly increasing seq numbers per document', async () => {
      const store = await open();
      const [first, second] = [uniqueDocName(), uniqueDocName()];
      const writer = new TextWriter();
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) seqs.push(await store.append(first, writer.edit(`a${i}`)));
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
      expect(await store.append(second, writer.edit('b'))).toBe(1);
      expect((await store.stats(first)).lastSeq).toBe(5);
    });

    it('rebuilds exactly the document that was written', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      for (let i = 0; i < 20; i++) await store.append(docName, writer.edit(`リスク${i} `));
      const loaded = await store.load(docName);
      expect(loaded.updates.map((u) => u.seq)).toEqual(range(1, 20));
      expect(rebuild(loaded)).toBe(writer.text());
    });

    it('readSince returns exactly what a replica is missing', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      const replica = new Y.Doc();
      for (let i = 0; i < 4; i++) Y.applyUpdate(replica, writer.edit(`x${i}`));
      for (let i = 0; i < 4; i++) await store.append(docName, Y.encodeStateAsUpdate(replica));
      for (let i = 0; i < 3; i++) await store.append(docName, writer.edit(`y${i}`));
      const missing = await store.readSince(docName, 4);
      expect(missing.snapshot).toBeNull();
      expect(missing.updates.map((u) => u.seq)).toEqual([5, 6, 7]);
      for (const { update } of missing.updates) Y.applyUpdate(replica, update);
      expect(replica.getText('t').toString()).toBe(writer.text());
      expect((await store.readSince(docName, 7)).updates).toEqual([]);
    });

    it('readSince includes the snapshot when compaction covered part of the range', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      const replica = new Y.Doc();
      Y.applyUpdate(replica, writer.edit('seen '));
      await store.append(docName, writer.encodeState());
      for (let i = 0; i < 5; i++) await store.append(docName, writer.edit(`n${i} `));
      expect(await store.compact(docName, writer.encodeState(), 4)).toBe(true);
      await store.append(docName, writer.edit('after'));
      const missing = await store.readSince(docName, 1);
      expect(missing.snapshot).not.toBeNull();
      expect(missing.snapshotSeq).toBe(4);
      expect(missing.updates.map((u) => u.seq)).toEqual([5, 6, 7]);
      if (missing.snapshot) Y.applyUpdate(replica, missing.snapshot);
      for (const { update } of missing.updates) Y.applyUpdate(replica, update);
      expect(replica.getText('t').toString()).toBe(writer.text());
    });

    it('compaction keeps the state, shrinks the log and never reuses seq numbers', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      for (let i = 0; i < 50; i++) await store.append(docName, writer.edit('a'));
      const before = await store.stats(docName);
      expect(await store.compact(docName, writer.encodeState(), 50)).toBe(true);
      const after = await store.stats(docName);
      expect(after.count).toBe(0);
      expect(after.bytes).toBeLessThan(before.bytes);
      expect(after.lastSeq).toBe(50);
      expect(rebuild(await store.load(docName))).toBe(writer.text());
      expect(await store.append(docName, writer.edit('b'))).toBe(51);
      expect(rebuild(await store.load(docName))).toBe(writer.text());
    });

    it('ignores a stale compaction that covers less than the stored snapshot', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      for (let i = 0; i < 3; i++) await store.append(docName, writer.edit(`s${i}`));
      const stale = writer.encodeState();
      for (let i = 0; i < 3; i++) await store.append(docName, writer.edit(`t${i}`));
      expect(await store.compact(docName, writer.encodeState(), 6)).toBe(true);
      // Returning true or false is both allowed here; what matters is that nothing is lost.
      await store.compact(docName, stale, 3);
      expect(rebuild(await store.load(docName))).toBe(writer.text());
    });

    it('keeps every update appended concurrently by several callers and instances', async () => {
      const stores = [await open(), await open(), await open()];
      const docName = uniqueDocName();
      const writers = range(1, 6).map(() => new TextWriter());
      const seqs = await Promise.all(
        writers.flatMap((writer, w) =>
          range(1, 10).map((i) =>
            stores[w % stores.length]!.append(docName, writer.edit(`${w}.${i};`)),
          ),
        ),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(range(1, 60));
      const rebuilt = rebuildDoc(await stores[0]!.load(docName));
      for (const writer of writers) expect(containsState(rebuilt, writer.doc)).toBe(true);
    });

    it('concurrent compaction by several instances equals the union of all updates', async () => {
      const stores = [await open(), await open(), await open(), await open()];
      const docName = uniqueDocName();
      const writers = range(1, 4).map(() => new TextWriter());
      const union = new Y.Doc();
      const appendRound = async (round: number) => {
        await Promise.all(
          writers.map(async (writer, w) => {
            const update = writer.edit(`${round}/${w} `);
            Y.applyUpdate(union, update);
            await stores[w]!.append(docName, update);
          }),
        );
      };
      for (let round = 0; round < 5; round++) {
        await appendRound(round);
        // Every instance loads what it sees, merges it and tries to compact at once; the
        // stores must serialise them (or refuse) so no update is lost.
        await Promise.all(stores.map((store) => compactFromLoad(store, docName)));
      }
      await appendRound(99);
      const rebuilt = rebuildDoc(await stores[0]!.load(docName));
      expect(rebuilt.getText('t').toString()).toBe(union.getText('t').toString());
      expect(containsState(rebuilt, union)).toBe(true);
    });

    it('lists and deletes documents by prefix', async () => {
      const store = await open();
      const workshop = `w${randomUUID().slice(0, 8)}`;
      const other = `w${randomUUID().slice(0, 8)}`;
      const writer = new TextWriter();
      for (const docName of [
        `${workshop}/g1`,
        `${workshop}/g2`,
        `${workshop}/_workshop`,
        `${other}/g1`,
      ]) {
        await store.append(docName, writer.edit('x'));
      }
      expect((await store.list(`${workshop}/`)).sort()).toEqual(
        [`${workshop}/_workshop`, `${workshop}/g1`, `${workshop}/g2`].sort(),
      );
      await store.deletePrefix(`${workshop}/`);
      expect(await store.list(`${workshop}/`)).toEqual([]);
      expect((await store.load(`${workshop}/g1`)).updates).toEqual([]);
      expect(await store.list(`${other}/`)).toEqual([`${other}/g1`]);
    });

    it('treats prefix characters literally', async () => {
      const store = await open();
      const base = `w${randomUUID().slice(0, 8)}`;
      const writer = new TextWriter();
      await store.append(`${base}x/g1`, writer.edit('x'));
      await store.append(`${base}_/g1`, writer.edit('y'));
      expect(await store.list(`${base}_`)).toEqual([`${base}_/g1`]);
      await store.deletePrefix(`${base}%`);
      expect((await store.list(base)).sort()).toEqual([`${base}_/g1`, `${base}x/g1`]);
    });

    it('reports stats of the log', async () => {
      const store = await open();
      const docName = uniqueDocName();
      const writer = new TextWriter();
      const updates = [writer.edit('abc'), writer.edit('def')];
      for (const update of updates) await store.append(docName, update);
      const stats = await store.stats(docName);
      expect(stats.count).toBe(2);
      expect(stats.lastSeq).toBe(2);
      expect(stats.bytes).toBe(updates.reduce((sum, u) => sum + u.byteLength, 0));
    });

    it('is healthy while open and can be closed', async () => {
      const store = await makeStore();
      expect(await store.healthy()).toBe(true);
      await store.close();
    });
  });
}

/** A client-side document whose edits produce the updates the tests store. */
class TextWriter {
  readonly doc = new Y.Doc();
  edit(insert: string): Uint8Array {
    let captured: Uint8Array | null = null;
    const capture = (update: Uint8Array) => (captured = update);
    this.doc.once('update', capture);
    const text = this.doc.getText('t');
    text.insert(text.length, insert);
    if (!captured) throw new Error('edit produced no update');
    return captured;
  }
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }
  text(): string {
    return this.doc.getText('t').toString();
  }
}

async function compactFromLoad(store: DocStore, docName: string): Promise<void> {
  const stored = await store.load(docName);
  const lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
  await store.compact(docName, Y.encodeStateAsUpdate(rebuildDoc(stored)), lastSeq);
}

function rebuildDoc(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

function rebuild(stored: StoredDoc): string {
  return rebuildDoc(stored).getText('t').toString();
}

/** True when `doc` already holds everything in `expected` (applying it would change nothing). */
function containsState(doc: Y.Doc, expected: Y.Doc): boolean {
  const missing = Y.diffUpdate(Y.encodeStateAsUpdate(expected), Y.encodeStateVector(doc));
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(probe);
  Y.applyUpdate(probe, missing);
  return Buffer.from(Y.encodeStateVector(probe)).equals(Buffer.from(before));
}

function uniqueDocName(): string {
  return `c${randomUUID().slice(0, 8)}/g1`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
