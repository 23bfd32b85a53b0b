import { describe, expect, it } from 'vitest';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  type CreateWorkshopResponse,
  type JoinResponse,
} from '@isms/shared';
import { ORGANISER_KEY, connectClient, synced, upgradeStatus } from './harness';
import { childServerFixture, freePort, spawnServer } from './childServer';

/** No token or secret in any log line, at the most verbose level, including failures. */
describe('structured logs', () => {
  const { dataDir, children, clients } = childServerFixture();

  it('never writes a token, the organiser key or the signing secret', async () => {
    const port = await freePort();
    const secret = 'signing-secret-that-must-not-leak';
    const server = await spawnServer(
      { DATA_DIR: dataDir, ORGANISER_KEY, TOKEN_SECRET: secret, LOG_LEVEL: 'trace' },
      port,
    );
    children.push(server);
    const post = async <T>(path: string, body: unknown, token?: string) =>
      (await (
        await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        })
      ).json()) as T;
    const created = await post<CreateWorkshopResponse>(
      '/api/workshops',
      { title: 'logs', date: '2026-11-26', scenarioId: SEMINAR4_SCENARIO.id, groups: 1 },
      ORGANISER_KEY,
    );
    const joined = await post<JoinResponse>('/api/join', {
      code: created.workshop.groups[0]!.code,
      name: 'x',
    });
    const wsUrl = `ws://127.0.0.1:${port}/sync`;
    const docName = boardDocName(created.workshop.id, 'g1');
    const client = connectClient(wsUrl, docName, joined.token);
    clients.push(client);
    await synced(client);
    expect(await upgradeStatus(wsUrl, boardDocName(created.workshop.id, 'g9'), joined.token)).toBe(
      403,
    );
    expect(await upgradeStatus(wsUrl, docName, `${joined.token}x`)).toBe(401);
    await fetch(
      `${server.url}/api/workshops/${created.workshop.id}/export/nothing.csv?token=${joined.token}`,
    );
    client.destroy();
    server.process.kill('SIGTERM');
    await server.exited;
    const logLines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(3);
    for (const line of logLines) {
      for (const secretValue of [ORGANISER_KEY, secret, joined.token, created.instructorToken]) {
        expect(line).not.toContain(secretValue);
      }
      // Not even a recognisable part of a token (the signature is its last segment).
      expect(line).not.toContain(joined.token.split('.')[2]!);
    }
  });
});
