import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryStore, NewVersion } from './types';

/**
 * The history storage contract: every HistoryStore — memory, SQLite, PostgreSQL — runs this
 * suite. `makeStore` may be called several times and must return stores over the same backend
 * (a restart reopens the same file or database).
 */
export function describeHistoryStoreContract(
  name: string,
  makeStore: () => Promise<HistoryStore>,
): void {
  describe(`HistoryStore contract: ${name}`, () => {
    const opened: HistoryStore[] = [];
    const open = async () => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('stores versions and lists them oldest first with their metadata', async () => {
      const store = await open();
      const doc = uniqueDocName();
      const second = await store.add(doc, version(2_000, 'lock', ['花子'], [4, 5, 6, 7]));
      const first = await store.add(doc, version(1_000, 'periodic', ['太郎', 'Bob'], [1, 2]));
      expect(await store.list(doc)).toEqual([
        { id: first, at: 1_000, reason: 'periodic', editors: ['太郎', 'Bob'], bytes: 2 },
        { id: second, at: 2_000, reason: 'lock', editors: ['花子'], bytes: 4 },
      ]);
      expect(await store.list(uniqueDocName())).toEqual([]);
    });

    it('returns the exact state of one version, and null for an unknown one', async () => {
      const store = await open();
      const doc = uniqueDocName();
      const state = new Uint8Array(Array.from({ length: 3000 }, (_, i) => i % 251));
      const id = await store.add(doc, version(5, 'before-restore', [], state));
      const stored = await store.get(doc, id);
      expect(stored?.info.reason).toBe('before-restore');
      expect(Buffer.from(stored!.state).equals(Buffer.from(state))).toBe(true);
      expect(await store.get(doc, id + 1000)).toBeNull();
      // A version is only reachable through its own document.
      expect(await store.get(uniqueDocName(), id)).toBeNull();
    });

    it('keeps versions across a reopen (restart)', async () => {
      const doc = uniqueDocName();
      const first = await makeStore();
      const id = await first.add(doc, version(7, 'unlock', ['a'], [9]));
      await first.close();
      const again = await open();
      expect((await again.list(doc)).map((info) => info.id)).toEqual([id]);
    });

    it('removes chosen versions, and whole workshops by prefix', async () => {
      const store = await open();
      const workshop = `w${randomUUID().slice(0, 8)}`;
      const other = `w${randomUUID().slice(0, 8)}`;
      const ids = [];
      for (let i = 0; i < 3; i++) {
        ids.push(await store.add(`${workshop}/g1`, version(i, 'periodic', [], [i, i])));
      }
      await store.add(`${workshop}/g2`, version(1, 'periodic', [], [1, 2, 3]));
      await store.add(`${other}/g1`, version(1, 'periodic', [], [1]));
      await store.remove(`${workshop}/g1`, [ids[1]!]);
      expect((await store.list(`${workshop}/g1`)).map((info) => info.id)).toEqual([ids[0], ids[2]]);
      expect(await store.bytes(`${workshop}/`)).toBe(7);
      await store.deletePrefix(`${workshop}/`);
      expect(await store.list(`${workshop}/g1`)).toEqual([]);
      expect(await store.bytes(`${workshop}/`)).toBe(0);
      expect(await store.list(`${other}/g1`)).toHaveLength(1);
    });
  });
}

function version(
  at: number,
  reason: NewVersion['reason'],
  editors: string[],
  bytes: number[] | Uint8Array,
): NewVersion {
  return {
    at,
    reason,
    editors,
    state: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
  };
}

function uniqueDocName(): string {
  return `h${randomUUID().slice(0, 8)}/g1`;
}
