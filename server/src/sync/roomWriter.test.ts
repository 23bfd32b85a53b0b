import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoreHealth } from '../store/health';
import { MemoryDocStore } from '../store/memory';
import { RoomWriter, type Durable } from './roomWriter';

const DOC = 'w1/g1';

/**
 * The in-memory store with the two ways a database outage looks from here: appends refused
 * before reaching it, and appends that commit but whose reply is lost (the ambiguous case).
 */
class OutageStore extends MemoryDocStore {
  mode: 'up' | 'refuse' | 'lose-reply' = 'up';
  appendCalls = 0;

  override async append(docName: string, update: Uint8Array): Promise<number> {
    this.appendCalls += 1;
    if (this.mode === 'refuse') throw new Error('connection refused (test)');
    const seq = await super.append(docName, update);
    if (this.mode === 'lose-reply') throw new Error('connection reset after commit (test)');
    return seq;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every struct id range in the stored log, to check nothing was stored twice. */
function storedRanges(updates: Uint8Array[]): Map<number, [number, number][]> {
  const ranges = new Map<number, [number, number][]>();
  for (const update of updates) {
    for (const struct of Y.decodeUpdate(update).structs) {
      const list = ranges.get(struct.id.client) ?? [];
      list.push([struct.id.clock, struct.id.clock + struct.length]);
      ranges.set(struct.id.client, list);
    }
  }
  return ranges;
}

function overlaps(ranges: Map<number, [number, number][]>): boolean {
  for (const list of ranges.values()) {
    const sorted = [...list].sort((a, b) => a[0] - b[0]);
    for (let index = 1; index < sorted.length; index += 1) {
      if (sorted[index]![0] < sorted[index - 1]![1]) return true;
    }
  }
  return false;
}

describe('RoomWriter: durable before visible, held while the store is unavailable', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  function setup(maxHeldBytes = 1024 * 1024) {
    const store = new OutageStore();
    let reachable = true;
    const health = new StoreHealth({
      probe: async () => reachable,
      intervalMs: 10,
      timeoutMs: 200,
    });
    health.start();
    const durable: Durable[] = [];
    const overflows: number[] = [];
    const writer = new RoomWriter(DOC, {
      store,
      health,
      maxHeldBytes,
      retryMs: 20,
      onDurable: (entry) => durable.push(entry),
      onOverflow: (bytes) => overflows.push(bytes),
    });
    cleanups.push(() => {
      writer.dispose();
      health.stop();
    });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => {
      updates.push(update);
      writer.write(update, 'c1');
    });
    const type = (text: string) => doc.getText('note').insert(doc.getText('note').length, text);
    const setReachable = (value: boolean) => (reachable = value);
    return { store, health, writer, durable, overflows, doc, updates, type, setReachable };
  }

  async function storedText(store: MemoryDocStore): Promise<string> {
    const stored = await store.load(DOC);
    const doc = new Y.Doc();
    for (const entry of stored.updates) Y.applyUpdate(doc, entry.update);
    return doc.getText('note').toString();
  }

  it('hands each update on only after it is stored', async () => {
    const { store, writer, durable, type } = setup();
    type('a');
    expect(durable).toHaveLength(0);
    await writer.whenSettled();
    expect(durable.map((entry) => entry.seq)).toEqual([1]);
    expect(await storedText(store)).toBe('a');
  });

  it('holds refused writes, reports the store unavailable, and stores them once when it takes writes again', async () => {
    const { store, health, writer, durable, type } = setup();
    store.mode = 'refuse';
    type('a');
    await until(() => !health.available, 'unavailable');
    type('b');
    type('c');
    expect(writer.holding).toBe(true);
    expect(durable).toHaveLength(0);
    store.mode = 'up';
    await writer.whenSettled();
    expect(health.available).toBe(true);
    expect(durable).toHaveLength(1);
    const merged = new Y.Doc();
    Y.applyUpdate(merged, durable[0]!.broadcast);
    expect(merged.getText('note').toString()).toBe('abc');
    expect(await storedText(store)).toBe('abc');
    expect((await store.load(DOC)).updates).toHaveLength(1);
  });

  it('does not store twice a write that committed although its reply was lost', async () => {
    const { store, writer, type, updates } = setup();
    type('a');
    await writer.whenSettled();
    store.mode = 'lose-reply';
    type('b');
    await until(() => writer.holding, 'held');
    store.mode = 'refuse';
    type('c');
    store.mode = 'up';
    await writer.whenSettled();
    expect(await storedText(store)).toBe('abc');
    const stored = (await store.load(DOC)).updates.map((entry) => entry.update);
    expect(overlaps(storedRanges(stored))).toBe(false);
    expect(overlaps(storedRanges([...stored, updates[1]!]))).toBe(true);
  });

  it('sends nothing to an unreachable store and flushes when a probe answers again', async () => {
    const { store, health, writer, durable, type, setReachable } = setup();
    setReachable(false);
    await until(() => !health.reachable, 'unreachable');
    const callsBefore = store.appendCalls;
    type('x');
    type('y');
    expect(store.appendCalls).toBe(callsBefore);
    expect(writer.pending).toBe(2);
    setReachable(true);
    await writer.whenSettled();
    expect(durable).toHaveLength(1);
    expect(await storedText(store)).toBe('xy');
  });

  it('gives up beyond maxHeldBytes: the room is told, and every write is settled', async () => {
    const { store, writer, overflows, type } = setup(64);
    store.mode = 'refuse';
    type('a');
    await until(() => writer.holding, 'held');
    for (let index = 0; index < 10 && overflows.length === 0; index += 1) type('0123456789');
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toBeGreaterThan(64);
    await writer.whenSettled();
    expect(writer.pending).toBe(0);
  });
});
