import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  SEMINAR4_SCENARIO,
  boardDocName,
  listPlacements,
  placeControl,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { ORGANISER_KEY, connectClient, synced, waitFor } from './harness';
import { childServerFixture, freePort, spawnServer } from './childServer';

describe('graceful shutdown', () => {
  const { dataDir, children, clients } = childServerFixture();

  it('SIGTERM: sockets close with 1001, rooms are flushed, exit 0 within 5 s', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, ORGANISER_KEY };
    const server = await spawnServer(env, port);
    children.push(server);
    const created = (await (
      await fetch(`${server.url}/api/workshops`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ORGANISER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'shutdown',
          date: '2026-11-26',
          scenarioId: SEMINAR4_SCENARIO.id,
          groups: 2,
        }),
      })
    ).json()) as CreateWorkshopResponse;
    const wsUrl = `ws://127.0.0.1:${port}/sync`;
    for (const group of ['g1', 'g2']) {
      clients.push(
        connectClient(wsUrl, boardDocName(created.workshop.id, group), created.instructorToken),
      );
    }
    await Promise.all(clients.map((client) => synced(client)));
    clients.forEach((client, index) =>
      placeControl(
        client.doc,
        { scenario: SEMINAR4_SCENARIO },
        {
          assetId: SEMINAR4_SCENARIO.assets[index]!.id,
          controlId: '5.12',
          placedBy: 'x',
        },
      ),
    );
    // Wait until the server has the edits (a fresh reader sees them), then stop it.
    const probe = connectClient(
      wsUrl,
      boardDocName(created.workshop.id, 'g2'),
      created.instructorToken,
    );
    await waitFor(() => listPlacements(probe.doc).length === 1, 'edit stored');
    probe.destroy();
    const startedAt = Date.now();
    server.process.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    for (const client of clients) {
      await waitFor(
        () => client.closes.some((close) => close.code === CloseCode.goingAway),
        'closed 1001',
      );
    }
    // Restarted, every board has its edit, and the clients reconnect on their own.
    children.push(await spawnServer(env, port));
    await waitFor(
      () => clients.every((client) => client.provider.synced && client.provider.wsconnected),
      'reconnected',
      20_000,
    );
    const reader = connectClient(
      wsUrl,
      boardDocName(created.workshop.id, 'g1'),
      created.instructorToken,
    );
    clients.push(reader);
    await synced(reader);
    expect(listPlacements(reader.doc).length).toBe(1);
  });
});
