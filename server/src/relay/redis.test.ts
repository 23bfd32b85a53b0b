import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MemoryBackend, MemoryDocStore } from '../store/memory';
import { RedisRateLimiter } from './redisRateLimiter';
import { RedisRelay } from './redis';
import { ReplicationHub } from './redisReplication';
import { redisTestTarget } from './redisTestTarget';
import type { ControlEvent, RelayMessage } from './types';

const target = await redisTestTarget();

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!target.available)('Redis relay', () => {
  const disposers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0).reverse()) await dispose();
  });
  const openRelay = async (instanceId: string) => {
    if (!target.available) throw new Error('unreachable');
    const relay = await RedisRelay.open({
      url: target.url,
      channelPrefix: target.prefix,
      instanceId,
    });
    disposers.push(() => relay.close());
    return relay;
  };

  it('fans updates and awareness out to other instances, not back to the sender', async () => {
    const [a, b] = [await openRelay('a'), await openRelay('b')];
    const heardByA: RelayMessage[] = [];
    const heardByB: RelayMessage[] = [];
    await a.subscribe('w1/g1', (message) => heardByA.push(message));
    await b.subscribe('w1/g1', (message) => heardByB.push(message));
    const update = new Uint8Array([1, 2, 3]);
    await a.publish({ kind: 'update', docName: 'w1/g1', seq: 7, update, origin: 'a' });
    await a.publish({ kind: 'awareness', docName: 'w1/g1', payload: update, origin: 'a' });
    await until(() => heardByB.length === 2, 'relayed messages');
    expect(heardByB[0]).toEqual({ kind: 'update', docName: 'w1/g1', seq: 7, update, origin: 'a' });
    expect(heardByB[1]?.kind).toBe('awareness');
    expect(heardByA).toEqual([]);
  });

  it('delivers control events to every other instance', async () => {
    const [a, b, c] = [await openRelay('a'), await openRelay('b'), await openRelay('c')];
    const heard = { a: [] as ControlEvent[], b: [] as ControlEvent[], c: [] as ControlEvent[] };
    a.onControl((event) => heard.a.push(event));
    b.onControl((event) => heard.b.push(event));
    c.onControl((event) => heard.c.push(event));
    const event: ControlEvent = {
      kind: 'revoke-group',
      workshopId: 'w1',
      groupId: 'g2',
      generation: 3,
    };
    await a.publishControl(event);
    await until(() => heard.b.length === 1 && heard.c.length === 1, 'control events');
    expect(heard.b).toEqual([event]);
    expect(heard.a).toEqual([]);
  });

  it('resubscribes after its connection is killed and asks rooms to resync', async () => {
    if (!target.available) return;
    const [a, b] = [await openRelay('a'), await openRelay('b')];
    const heard: RelayMessage[] = [];
    await b.subscribe('w1/g1', (message) => heard.push(message));
    let resyncs = 0;
    b.onResync(() => (resyncs += 1));
    const admin = new Redis(target.url);
    disposers.push(() => admin.disconnect());
    await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await until(() => resyncs === 1, 'resync after reconnect');
    await a.publish({
      kind: 'update',
      docName: 'w1/g1',
      seq: 1,
      update: new Uint8Array([9]),
      origin: 'a',
    });
    await until(() => heard.length === 1, 'delivery after resubscribe');
  });

  describe('replication', () => {
    const replicaOf = async (relay: RedisRelay, store: MemoryDocStore, periodMs: number | null) => {
      const doc = new Y.Doc();
      const hub = new ReplicationHub({ relay, store, periodicCatchUpMs: periodMs });
      disposers.push(() => hub.close());
      const replica = await hub.attach({
        docName: 'w1/g1',
        doc,
        awareness: new Awareness(doc),
        loadedSeq: 0,
      });
      return { doc, replica };
    };

    it('detects a gap in seq and reads the missing updates from the store', async () => {
      const backend = new MemoryBackend();
      const [storeA, storeB] = [new MemoryDocStore(backend), new MemoryDocStore(backend)];
      const relayA = await openRelay('a');
      const a = await replicaOf(relayA, storeA, null);
      const b = await replicaOf(await openRelay('b'), storeB, null);
      const updates: Uint8Array[] = [];
      a.doc.on('update', (update: Uint8Array) => updates.push(update));
      for (const word of ['一', '二', '三']) a.doc.getText('t').insert(0, word);
      const seqs: number[] = [];
      for (const update of updates) seqs.push(await storeA.append('w1/g1', update));
      // The relay "loses" the first two: only seq 3 reaches B.
      for (const seq of seqs) a.replica.noteAppended(seq);
      await relayA.publish({
        kind: 'update',
        docName: 'w1/g1',
        seq: 3,
        update: updates[2]!,
        origin: 'a',
      });
      await until(
        () => b.doc.getText('t').toString() === a.doc.getText('t').toString(),
        'catch-up',
      );
      expect(b.replica.contiguousSeq).toBe(3);
    });

    it('catches up a lost last update periodically', async () => {
      const backend = new MemoryBackend();
      const [storeA, storeB] = [new MemoryDocStore(backend), new MemoryDocStore(backend)];
      const b = await replicaOf(await openRelay('b'), storeB, 50);
      const writer = new Y.Doc();
      writer.on('update', (update: Uint8Array) => void storeA.append('w1/g1', update));
      writer.getText('t').insert(0, '最後の更新');
      await until(() => b.doc.getText('t').toString() === '最後の更新', 'periodic catch-up');
    });
  });

  it('shares windowed counters between instances (peek does not count)', async () => {
    if (!target.available) return;
    const options = { url: target.url, keyPrefix: target.prefix };
    const limiters = [await RedisRateLimiter.open(options), await RedisRateLimiter.open(options)];
    disposers.push(() =>
      Promise.all(limiters.map((limiter) => limiter.close())).then(() => undefined),
    );
    const key = 'join-fail:198.51.100.7';
    expect((await limiters[0]!.peek(key)).count).toBe(0);
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push((await limiters[i % 2]!.hit(key, 60_000)).count);
    expect(counts).toEqual([1, 2, 3, 4]);
    const seen = await limiters[1]!.peek(key);
    expect(seen.count).toBe(4);
    expect(seen.resetInMs).toBeGreaterThan(0);
    expect(seen.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await limiters[0]!.peek(key)).count).toBe(4);
    expect((await limiters[0]!.peek('join-fail:203.0.113.9')).count).toBe(0);
  });
});
