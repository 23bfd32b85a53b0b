import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  CloseCode,
  STORE_RETRY_AFTER_SECONDS,
  STORE_UNAVAILABLE_CODE,
  StoreStatus,
  boardDocName,
} from '@isms/shared';
import { PostgresDocStore } from '../../server/src/store/postgres';
import { connectClient, synced, type TestClient } from '../server/harness';
import {
  containsState,
  startInstance,
  storedDoc,
  type ClusterServices,
  type Instance,
} from './cluster';
import { FaultyProxy } from './faultyProxy';
import { missingServices, postgres, redis, until } from './services';
import { startTyping } from './typing';

/** What the issue asks: every instance reports a stalled database within 2 s. */
const DETECT_MS = 2_000;
/** "Typists see it at once": the paused state reaches every client within ~2 s (+ slack). */
const TELL_CLIENTS_MS = 2_500;
/** Longest any probe or join may take to answer during the outage, ms (bounded, not hung). */
const ANSWER_MS = 1_500;
const RECOVERY_MS = 60_000;
/** Compaction off: the log must show every stored update, to prove none is stored twice. */
const NO_COMPACTION = { compactAfterUpdates: 1_000_000, compactAfterBytes: 1 << 30 };

/** Struct id ranges of the stored log that overlap, i.e. content stored more than once. */
function overlappingStructs(updates: Uint8Array[]): number {
  const ranges = new Map<number, [number, number][]>();
  for (const update of updates) {
    for (const struct of Y.decodeUpdate(update).structs) {
      const list = ranges.get(struct.id.client) ?? [];
      list.push([struct.id.clock, struct.id.clock + struct.length]);
      ranges.set(struct.id.client, list);
    }
  }
  let overlaps = 0;
  for (const list of ranges.values()) {
    list.sort((a, b) => a[0] - b[0]);
    for (let index = 1; index < list.length; index += 1) {
      if (list[index]![0] < list[index - 1]![1]) overlaps += 1;
    }
  }
  return overlaps;
}

function sameState(docs: Y.Doc[]): boolean {
  const [first, ...rest] = docs.map((doc) => Buffer.from(Y.encodeStateVector(doc)));
  return rest.every((vector) => vector.equals(first!));
}

async function status(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(ANSWER_MS) });
  await response.arrayBuffer();
  return response.status;
}

/** The close code of a fresh WebSocket to `wsUrl` (the upgrade during the outage). */
function closeCodeOf(wsUrl: string, docName: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${docName}?token=${encodeURIComponent(token)}`);
    const timer = setTimeout(() => reject(new Error('upgrade not answered')), ANSWER_MS * 2);
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe.skipIf(missingServices !== null)(
  'a stalled or refused database: every instance says so at once, nothing is lost',
  () => {
    const disposers: (() => unknown)[] = [];
    afterEach(async () => {
      for (const dispose of disposers.splice(0).reverse()) await dispose();
    });

    it.each(['hang', 'refuse'] as const)(
      'PostgreSQL %s: /readyz 503 within 2 s everywhere, joins 503, typists told, no disconnects, every edit stored once',
      async (fault) => {
        if (!postgres.available || !redis.available) return;
        const proxy = await FaultyProxy.start(postgres.options.url);
        disposers.push(() => proxy.close());
        const direct = await PostgresDocStore.open(postgres.options);
        disposers.push(() => direct.close());
        const services: ClusterServices = {
          postgres: {
            ...postgres.options,
            url: proxy.urlFor(postgres.options.url),
            schema: postgres.options.schema!,
            maxConnections: 4,
          },
          redisUrl: redis.url,
          redisPrefix: `${redis.prefix}${randomBytes(3).toString('hex')}:`,
        };
        const instances: Instance[] = [];
        for (let index = 0; index < 3; index += 1) {
          const started = await startInstance(services, NO_COMPACTION);
          disposers.push(() => started.close());
          instances.push(started);
        }
        const created = await instances[0]!.harness.createWorkshop(1);
        const docName = boardDocName(created.workshop.id, 'g1');
        const joinCode = created.workshop.groups[0]!.code;
        const clients: TestClient[] = instances.map((instance) => {
          const connected = connectClient(instance.wsUrl, docName, created.instructorToken);
          disposers.push(() => connected.destroy());
          return connected;
        });
        await Promise.all(clients.map((client) => synced(client, RECOVERY_MS)));
        const typing = startTyping(clients);
        disposers.push(() => typing.stop());
        await until(async () => (await direct.stats(docName)).lastSeq >= 20, 'edits stored');

        const cutAt = Date.now();
        if (fault === 'hang') proxy.hang();
        else proxy.refuse();

        // Every instance answers its probe quickly, and says 503 within 2 s of the cut.
        const detectedAfter = await Promise.all(
          instances.map(async (instance) => {
            await until(
              async () => (await status(`${instance.harness.server.url}/readyz`)) === 503,
              '/readyz 503',
              DETECT_MS * 3,
            );
            return Date.now() - cutAt;
          }),
        );
        for (const elapsed of detectedAfter) expect(elapsed).toBeLessThanOrEqual(DETECT_MS);
        for (const instance of instances) {
          expect(await status(`${instance.harness.server.url}/healthz`)).toBe(200);
        }
        await until(
          () => clients.every((client) => client.storeStatuses.at(-1) === StoreStatus.paused),
          'every typist told saving is paused',
          TELL_CLIENTS_MS * 3,
        );
        expect(Date.now() - cutAt).toBeLessThanOrEqual(TELL_CLIENTS_MS + DETECT_MS);

        // Joins and upgrades answer at once and honestly.
        for (const instance of instances) {
          const reply = await fetch(`${instance.harness.server.url}/api/join`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: joinCode, name: '遅れて参加' }),
            signal: AbortSignal.timeout(ANSWER_MS),
          });
          expect(reply.status).toBe(503);
          expect(reply.headers.get('retry-after')).toBe(String(STORE_RETRY_AFTER_SECONDS));
          expect(((await reply.json()) as { error: { code: string } }).error.code).toBe(
            STORE_UNAVAILABLE_CODE,
          );
          expect(await closeCodeOf(instance.wsUrl, docName, created.instructorToken)).toBe(
            CloseCode.loadFailed,
          );
        }

        // Typing goes on during the outage; the edits stay in the documents.
        const typedAtCut = typing.keystrokes();
        await until(() => typing.keystrokes() >= typedAtCut + 40, 'typing during the outage');

        proxy.restore();
        await Promise.all(
          instances.map((instance) =>
            until(
              async () => (await status(`${instance.harness.server.url}/readyz`)) === 200,
              '/readyz 200 again',
              RECOVERY_MS,
            ),
          ),
        );
        await until(
          () => clients.every((client) => client.storeStatuses.at(-1) === StoreStatus.saving),
          'every typist told saving resumed',
          RECOVERY_MS,
        );
        typing.stop();
        await until(
          () => sameState(clients.map((client) => client.doc)),
          'replicas converge',
          RECOVERY_MS,
        );
        await until(
          async () => {
            const stored = await storedDoc(direct, docName);
            return clients.every((client) => containsState(stored, client.doc));
          },
          'PostgreSQL holds every edit',
          RECOVERY_MS,
        );
        // No burst of disconnects: no client socket was closed at any point.
        expect(clients.flatMap((client) => client.closes)).toEqual([]);
        const log = await direct.load(docName);
        expect(log.snapshot).toBeNull();
        expect(overlappingStructs(log.updates.map((entry) => entry.update))).toBe(0);
      },
      180_000,
    );
  },
);
