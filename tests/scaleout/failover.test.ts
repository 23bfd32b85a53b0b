import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  StoreStatus,
  boardDocName,
  workshopDocName,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { connectClient, harnessFor, synced, type TestClient } from '../server/harness';
import { freePort } from '../server/childServer';
import { Balancer } from './balancer';
import {
  containsState,
  startChildInstance,
  startInstance,
  storedDoc,
  wsUrlFor,
  type ClusterServices,
  type Instance,
} from './cluster';
import { RedisServer } from './redisServer';
import { missingServices, postgres, redis, until } from './services';
import { startTyping } from './typing';

/** Deadlines here are generous: CI machines are slow, and reconnect backoff adds up. */
const RECOVERY_MS = 60_000;

function sameState(docs: Y.Doc[]): boolean {
  const [first, ...rest] = docs.map((doc) => Buffer.from(Y.encodeStateVector(doc)));
  return rest.every((vector) => vector.equals(first!));
}

/** Everything every client holds is in PostgreSQL, and all clients hold the same. */
async function nothingLost(clients: TestClient[], instance: Instance, docName: string) {
  await until(
    () => sameState(clients.map((client) => client.doc)),
    'clients converge',
    RECOVERY_MS,
  );
  await until(
    async () => {
      const stored = await storedDoc(instance.store, docName);
      return clients.every((client) => containsState(stored, client.doc));
    },
    'PostgreSQL holds every client edit',
    RECOVERY_MS,
  );
}

describe.skipIf(missingServices !== null)(
  'scale-out failures: nothing any client saw is lost',
  () => {
    const disposers: (() => unknown)[] = [];
    afterEach(async () => {
      for (const dispose of disposers.splice(0).reverse()) await dispose();
    });
    const services = (redisUrl?: string): ClusterServices => {
      if (!postgres.available || !redis.available) throw new Error('services missing');
      return {
        postgres: { ...postgres.options, schema: postgres.options.schema! },
        redisUrl: redisUrl ?? redis.url,
        redisPrefix: `${redis.prefix}${randomBytes(3).toString('hex')}:`,
      };
    };
    const instance = async (shared: ClusterServices) => {
      const started = await startInstance(shared);
      disposers.push(() => started.close());
      return started;
    };
    const client = (wsUrl: string, docName: string, token: string) => {
      const connected = connectClient(wsUrl, docName, token);
      disposers.push(() => connected.destroy());
      return connected;
    };

    it('kill -9 of an instance mid-edit: its clients reconnect through the balancer to another', async () => {
      const shared = services();
      const survivor = await instance(shared);
      const victim = await startChildInstance(shared, await freePort());
      disposers.push(() => victim.dispose());
      const balancer = await Balancer.start([Number(new URL(victim.url).port), survivor.port]);
      disposers.push(() => balancer.close());
      const created: CreateWorkshopResponse = await survivor.harness.createWorkshop(1);
      const docName = boardDocName(created.workshop.id, 'g1');
      const clients = [0, 1, 2, 3].map(() =>
        client(wsUrlFor(balancer.url), docName, created.instructorToken),
      );
      await Promise.all(clients.map((member) => synced(member, RECOVERY_MS)));
      const typing = startTyping(clients);
      disposers.push(() => typing.stop());
      // Kill while edits are flowing through both instances.
      await until(async () => (await survivor.store.stats(docName)).lastSeq >= 40, 'edits stored');
      victim.process.kill('SIGKILL');
      await victim.exited;
      // The balancer dealt members to both instances: some of them lost their socket.
      await until(
        () => clients.some((member) => member.closes.length > 0),
        'victim clients dropped',
      );
      expect(clients.every((member) => member.closes.length > 0)).toBe(false);
      balancer.setBackends([survivor.port]);
      const typedAtKill = typing.keystrokes();
      await until(() => typing.keystrokes() >= typedAtKill + 20, 'typing after the kill');
      await until(
        () => clients.every((member) => member.provider.wsconnected),
        'all reconnected',
        RECOVERY_MS,
      );
      typing.stop();
      await nothingLost(clients, survivor, docName);
    }, 180_000);

    it('Redis restart mid-edit: instances resubscribe, catch up from PostgreSQL and converge', async () => {
      const redisServer = await RedisServer.start();
      disposers.push(() => redisServer.kill());
      const shared = services(redisServer.url);
      const [first, second] = [await instance(shared), await instance(shared)];
      const created = await first.harness.createWorkshop(1);
      const docName = boardDocName(created.workshop.id, 'g1');
      const clients = [first, second, first, second].map((target) =>
        client(target.wsUrl, docName, created.instructorToken),
      );
      await Promise.all(clients.map((member) => synced(member, RECOVERY_MS)));
      const typing = startTyping(clients);
      disposers.push(() => typing.stop());
      await until(async () => (await first.store.stats(docName)).lastSeq >= 20, 'edits before');
      await redisServer.kill();
      const seqAtKill = (await first.store.stats(docName)).lastSeq;
      // Edits keep being stored while Redis is gone; the relay cannot carry them.
      await until(
        async () => (await first.store.stats(docName)).lastSeq >= seqAtKill + 40,
        'edits while down',
      );
      // A room first opened during the outage still loads (and catches up afterwards).
      const late = client(
        second.wsUrl,
        workshopDocName(created.workshop.id),
        created.instructorToken,
      );
      await synced(late, RECOVERY_MS);
      await redisServer.restart();
      await until(() => typing.keystrokes() > 0, 'typing');
      typing.stop();
      await nothingLost(clients, second, docName);
    }, 180_000);

    it('PostgreSQL unavailable: saving pauses (no disconnects) and /readyz 503; when it returns, nothing is lost', async () => {
      if (!postgres.available) return;
      const database = `isms_outage_${randomBytes(4).toString('hex')}`;
      const adminUrl = postgres.options.url;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      disposers.push(async () => {
        await admin
          .query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`)
          .catch(() => undefined);
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      });
      await admin.query(`CREATE DATABASE ${database}`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const shared = {
        ...services(),
        postgres: { url: url.toString(), schema: 'public', maxConnections: 4 },
      };
      const only = await instance(shared);
      const api = harnessFor(only.harness.server, only.harness.dataDir);
      const created = await api.createWorkshop(1);
      const docName = boardDocName(created.workshop.id, 'g1');
      const clients = [0, 1, 2].map(() => client(only.wsUrl, docName, created.instructorToken));
      await Promise.all(clients.map((member) => synced(member, RECOVERY_MS)));
      const typing = startTyping(clients);
      disposers.push(() => typing.stop());
      await until(async () => (await only.store.stats(docName)).lastSeq >= 20, 'edits before');

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      await until(
        () => clients.every((member) => member.storeStatuses.at(-1) === StoreStatus.paused),
        'every member told saving is paused',
      );
      await until(
        async () => (await fetch(`${only.harness.server.url}/readyz`)).status === 503,
        '/readyz 503',
      );
      const typedDuringOutage = typing.keystrokes();
      await until(
        () => typing.keystrokes() >= typedDuringOutage + 20,
        'edits kept locally while down',
      );

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await until(
        async () => (await fetch(`${only.harness.server.url}/readyz`)).status === 200,
        '/readyz 200 again',
        RECOVERY_MS,
      );
      typing.stop();
      await nothingLost(clients, only, docName);
      // Edits were held, not refused: no socket was closed.
      expect(clients.flatMap((member) => member.closes)).toEqual([]);
    }, 180_000);
  },
);
