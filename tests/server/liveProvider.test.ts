import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import { CloseCode, workshopDocName } from '@isms/shared';
import { liveProvider } from '../../client/src/sync/liveProvider';
import { ORGANISER_KEY, type TestServer, serverPerTest, waitFor } from './harness';

/**
 * The one provider policy every screen uses (client/src/sync/liveProvider.ts): after the
 * server ends the session for good it stops reconnecting, where y-websocket's defaults (what
 * the instructor console and the projector used before) retry forever. Both run side by side
 * against the same close; the default one's retries are the clock, so no sleep is needed.
 */
function countingWebSocket() {
  const counter = { opened: 0 };
  class Counted extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      counter.opened++;
    }
  }
  return { counter, Polyfill: Counted as unknown as typeof globalThis.WebSocket };
}

async function openBoth(harness: TestServer, docName: string, token: string) {
  const live = countingWebSocket();
  const policy = liveProvider({
    serverUrl: harness.wsUrl,
    docName,
    doc: new Y.Doc(),
    token,
    WebSocketPolyfill: live.Polyfill,
  });
  const closed: number[] = [];
  policy.on('closed', (event: { code: number }) => closed.push(event.code));
  const plain = countingWebSocket();
  const defaults = new WebsocketProvider(harness.wsUrl, docName, new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: plain.Polyfill,
    disableBc: true,
    maxBackoffTime: 200,
  });
  await waitFor(() => policy.synced && defaults.synced, 'both synced');
  return { policy, closed, live: live.counter, defaults, plain: plain.counter };
}

describe('liveProvider: one close-code policy for every screen', () => {
  let harness: TestServer;
  serverPerTest((server) => (harness = server));

  it.each([
    ['a revoked token', CloseCode.tokenRevoked],
    ['a deleted workshop', CloseCode.workshopDeleted],
  ])('stops reconnecting after %s', async (name, code) => {
    const created = await harness.createWorkshop(1);
    const { id } = created.workshop;
    const token = created.instructorToken;
    const both = await openBoth(harness, workshopDocName(id), token);
    try {
      if (code === CloseCode.tokenRevoked) {
        const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
          .jti as string;
        const reply = await harness.api('POST', `/api/workshops/${id}/revoke`, {
          token: ORGANISER_KEY,
          body: { jti },
        });
        expect(reply.status, name).toBe(200);
      } else {
        const reply = await harness.api('DELETE', `/api/workshops/${id}`, { token: ORGANISER_KEY });
        expect(reply.status).toBe(204);
      }
      await waitFor(() => both.closed.includes(code), `closed ${code}`);
      // y-websocket's defaults keep knocking (the old instructor/projector behaviour)…
      await waitFor(() => both.plain.opened >= 3, 'the default provider retried twice');
      // …while the policy opened its one socket and gave up.
      expect(both.live.opened).toBe(1);
      expect(both.policy.shouldConnect).toBe(false);
    } finally {
      both.policy.destroy();
      both.defaults.destroy();
    }
  });
});
