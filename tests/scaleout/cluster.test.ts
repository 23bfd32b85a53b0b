import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CloseCode,
  DEFAULT_LIMITS,
  DenyReason,
  boardDocName,
  initialTimer,
  readWorkshopDoc,
  workshopDocName,
  writeTimer,
  editNote,
  listPlacements,
  placeControl,
  scenarioControlIds,
  SEMINAR4_SCENARIO,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { connectClient, synced, type TestClient } from '../server/harness';
import {
  assetIds,
  containsState,
  ctx,
  startInstance,
  storedDoc,
  type ClusterServices,
  type Instance,
} from './cluster';
import { missingServices, postgres, redis, until } from './services';

const controlIds = scenarioControlIds(SEMINAR4_SCENARIO);

/** A participant's burst of work: one card of its own, then `keystrokes` edits of its note. */
function work(client: TestClient, index: number, keystrokes: number): void {
  const placed = placeControl(client.doc, ctx, {
    assetId: assetIds[index % assetIds.length]!,
    controlId: controlIds[index % controlIds.length]!,
    placedBy: `member-${index}`,
  });
  if (!placed.ok) throw new Error(`place failed: ${JSON.stringify(placed)}`);
  for (let i = 0; i < keystrokes; i++) {
    editNote(client.doc, ctx, {
      placementId: placed.value.placementId,
      index: i,
      deleteCount: 0,
      insert: 'あ',
    });
  }
}

function sameState(docs: Y.Doc[]): boolean {
  const [first, ...rest] = docs.map((doc) => Buffer.from(Y.encodeStateVector(doc)));
  return rest.every((vector) => vector.equals(first!));
}

describe.skipIf(missingServices !== null)(
  'scale-out: 3 instances over PostgreSQL and Redis',
  () => {
    const instances: Instance[] = [];
    const clients: TestClient[] = [];
    let workshop: CreateWorkshopResponse;

    beforeAll(async () => {
      if (!postgres.available || !redis.available) return;
      const services: ClusterServices = {
        postgres: { ...postgres.options, schema: postgres.options.schema! },
        redisUrl: redis.url,
        redisPrefix: redis.prefix,
      };
      // Compaction after 10 appends: every instance compacts often, concurrently with the others.
      for (let i = 0; i < 3; i++)
        instances.push(await startInstance(services, { compactAfterUpdates: 10 }));
      workshop = await instances[0]!.harness.createWorkshop(2);
    });

    afterAll(async () => {
      for (const client of clients.splice(0)) client.destroy();
      await Promise.all(instances.map((instance) => instance.close()));
      if (postgres.available) await postgres.dropSchema();
    });

    /** A participant of `groupIndex` who joined through instance `via` and syncs with `on`. */
    async function participant(groupIndex: number, via: number, on = via): Promise<TestClient> {
      const group = workshop.workshop.groups[groupIndex]!;
      const joined = await instances[via]!.harness.join(group.code);
      const client = connectClient(
        instances[on]!.wsUrl,
        boardDocName(workshop.workshop.id, group.id),
        joined.token,
      );
      clients.push(client);
      await synced(client);
      return client;
    }

    it('members on different instances converge, and PostgreSQL holds the union despite concurrent compaction', async () => {
      const members = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => participant(0, i % 3)));
      members.forEach((member, index) => work(member, index, 25));
      await until(() => sameState(members.map((member) => member.doc)), 'all members converge');
      expect(listPlacements(members[0]!.doc)).toHaveLength(6);
      const docName = boardDocName(workshop.workshop.id, 'g1');
      await until(async () => {
        const stored = await storedDoc(instances[1]!.store, docName);
        return members.every((member) => containsState(stored, member.doc));
      }, 'PostgreSQL holds every member edit');
      // 6 × 26 appends with compaction every 10 per instance: the log must have been compacted.
      const stats = await instances[2]!.store.stats(docName);
      expect(stats.lastSeq).toBeGreaterThanOrEqual(6 * 26);
      expect(stats.count).toBeLessThan(stats.lastSeq);
    });

    it('a member joining on another instance sees the members already there at once, not after the 15 s renewal', async () => {
      const present = await participant(1, 0);
      present.provider.awareness.setLocalStateField('user', { name: '高橋' });
      const newcomer = await participant(1, 2);
      newcomer.provider.awareness.setLocalStateField('user', { name: '伊藤' });
      const names = (client: TestClient) =>
        [...client.provider.awareness.getStates().values()].map(
          (state) => (state as { user?: { name?: string } }).user?.name,
        );
      // 5 s is a third of y-websocket's 15 s awareness renewal: passing means no renewal was needed.
      await until(
        () => names(newcomer).includes('高橋'),
        'the newcomer sees the member already present',
        5_000,
      );
      await until(
        () => names(present).includes('伊藤'),
        'the member present sees the newcomer',
        5_000,
      );
    });

    it('shows presence across instances', async () => {
      const [onFirst, onThird] = [await participant(1, 0), await participant(1, 2)];
      onFirst.provider.awareness.setLocalStateField('user', { name: '佐藤' });
      onThird.provider.awareness.setLocalStateField('user', { name: '鈴木' });
      const names = (client: TestClient) =>
        [...client.provider.awareness.getStates().values()].map(
          (state) => (state as { user?: { name: string } }).user?.name,
        );
      await until(() => names(onThird).includes('佐藤'), 'presence on instance 3');
      await until(() => names(onFirst).includes('鈴木'), 'presence on instance 1');
    });

    it('the timer set by the instructor on one instance runs for members on the others', async () => {
      const { id } = workshop.workshop;
      const joined = await instances[2]!.harness.join(workshop.workshop.groups[1]!.code);
      const instructor = connectClient(
        instances[0]!.wsUrl,
        workshopDocName(id),
        workshop.instructorToken,
      );
      const member = connectClient(instances[2]!.wsUrl, workshopDocName(id), joined.token);
      clients.push(instructor, member);
      await Promise.all([synced(instructor), synced(member)]);
      const endsAt = Date.now() + 15 * 60_000;
      writeTimer(instructor.doc, { ...initialTimer([]), running: true, endsAt });
      await until(
        () => readWorkshopDoc(member.doc, []).timer.endsAt === endsAt,
        'timer on instance 3',
      );
      expect(readWorkshopDoc(member.doc, []).timer.running).toBe(true);
    });

    it('a lock set through one instance is enforced by the others', async () => {
      const { id } = workshop.workshop;
      const writer = await participant(1, 0, 2);
      const watcher = await participant(1, 1, 1);
      const locked = await instances[0]!.harness.api('POST', `/api/workshops/${id}/lock`, {
        token: workshop.instructorToken,
        body: { groupId: 'g2', locked: true },
      });
      expect(locked.status).toBe(200);
      // A hostile client ignores the lock mirrored into meta; instance 3 must refuse it.
      placeControl(
        writer.doc,
        { ...ctx, bypassLock: true },
        {
          assetId: assetIds[0]!,
          controlId: controlIds[20]!,
          placedBy: 'hostile',
        },
      );
      await until(() => writer.denials.includes(DenyReason.locked), 'write denied on instance 3');
      expect(listPlacements(watcher.doc).some((p) => p.controlId === controlIds[20])).toBe(false);
      await instances[1]!.harness.api('POST', `/api/workshops/${id}/lock`, {
        token: workshop.instructorToken,
        body: { groupId: 'g2', locked: false },
      });
    });

    it('revoking a group through one instance disconnects its members on every instance', async () => {
      const members = [await participant(0, 0, 1), await participant(0, 1, 2)];
      const reply = await instances[0]!.harness.api(
        'POST',
        `/api/workshops/${workshop.workshop.id}/revoke`,
        {
          token: workshop.instructorToken,
          body: { groupId: 'g1' },
        },
      );
      expect(reply.status).toBe(200);
      for (const member of members) {
        await until(
          () => member.closes.some((close) => close.code === CloseCode.tokenRevoked),
          'revoked member closed with 4001',
        );
      }
    });

    it('40 participants from one address join at once across the instances (Redis limiter)', async () => {
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          instances[i % 3]!.harness.api('POST', '/api/join', {
            body: { code: workshop.workshop.groups[i % 2]!.code, name: `参加者${i + 1}` },
          }),
        ),
      );
      expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    });

    it('shares the join failure budget across instances', async () => {
      // Only failed joins count. With one counter per instance the first refusal would need
      // ~20 failures per instance (~60); shared, it comes within 21.
      const limit = DEFAULT_LIMITS.joinFailuresPerAddress;
      const attempt = async (i: number) =>
        (
          await instances[i % 3]!.harness.api('POST', '/api/join', {
            body: { code: 'ZZZZZZZZ', name: '攻撃者' },
          })
        ).status;
      let firstRefusal = -1;
      for (let i = 0; i <= limit && firstRefusal < 0; i++) {
        if ((await attempt(i)) === 429) firstRefusal = i;
      }
      expect(firstRefusal).toBeGreaterThanOrEqual(0);
      // Every instance now refuses this address.
      for (let i = 1; i <= 3; i++) expect(await attempt(firstRefusal + i)).toBe(429);
    });
  },
);
