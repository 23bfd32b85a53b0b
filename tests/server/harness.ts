import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
  MessageType,
  SEMINAR4_SCENARIO,
  SYNC_PATH,
  type CreateWorkshopResponse,
  type JoinResponse,
  type TokenResponse,
} from '@isms/shared';
import { startServer, type RunningServer } from '../../server/src/app';
import { testConfig, type ServerConfig } from '../../server/src/config';
import type { BackendOverrides } from '../../server/src/backends';

/**
 * Shared harness of the server integration tests: a real server on port 0 with a real SQLite
 * file in a temp dir, its HTTP API, real WebsocketProvider clients (ws polyfill) and raw
 * sockets for hostile frames. Polling with deadlines only, never fixed sleeps.
 */
/**
 * y-websocket adds one process 'exit' listener per WebsocketProvider in Node (removed on
 * destroy); a test file opens dozens of clients, which is not a leak. 200 keeps the warning for
 * a real leak (one per frame or per reconnect).
 */
process.setMaxListeners(200);

export const ORGANISER_KEY = 'test-organiser-key-0123456789';

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  message: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  wsUrl: string;
  api<T>(
    method: string,
    route: string,
    options?: { body?: unknown; token?: string },
  ): Promise<ApiReply<T>>;
  createWorkshop(groups?: number): Promise<CreateWorkshopResponse>;
  join(code: string, name?: string): Promise<JoinResponse>;
  viewerToken(workshopId: string, instructorToken: string): Promise<string>;
  close(): Promise<void>;
}

export interface ApiReply<T> {
  status: number;
  body: T;
  headers: Headers;
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'isms-server-test-'));
}

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  backends: BackendOverrides = {},
  dataDir = tempDataDir(),
): Promise<TestServer> {
  const config = testConfig({ dataDir, organiserKey: ORGANISER_KEY, ...overrides });
  const server = await startServer(config, backends);
  return harnessFor(server, dataDir);
}

export function harnessFor(server: RunningServer, dataDir: string): TestServer {
  const wsUrl = `${server.url.replace('http', 'ws')}${SYNC_PATH}`;
  const api = async <T>(
    method: string,
    route: string,
    options: { body?: unknown; token?: string } = {},
  ): Promise<ApiReply<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  };
  return {
    server,
    dataDir,
    wsUrl,
    api,
    async createWorkshop(groups = 2) {
      const reply = await api<CreateWorkshopResponse>('POST', '/api/workshops', {
        token: ORGANISER_KEY,
        body: { title: 'テスト', date: '2026-11-26', scenarioId: SEMINAR4_SCENARIO.id, groups },
      });
      if (reply.status !== 201) throw new Error(`create failed: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    async join(code, name = '参加者') {
      const reply = await api<JoinResponse>('POST', '/api/join', { body: { code, name } });
      if (reply.status !== 200) throw new Error(`join failed: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    async viewerToken(workshopId, instructorToken) {
      const reply = await api<TokenResponse>('POST', `/api/workshops/${workshopId}/viewer-token`, {
        token: instructorToken,
      });
      return reply.body.token;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  denials: string[];
  /** Every `storeStatus` the server sent (StoreStatus values), oldest first. */
  storeStatuses: number[];
  destroy(): void;
}

/** A real y-websocket client (BroadcastChannel off: clients in one process must not cheat). */
export function connectClient(
  wsUrl: string,
  docName: string,
  token: string,
  doc = new Y.Doc(),
): TestClient {
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  const denials: string[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) });
  });
  // y-websocket logs permission-denied with console.warn; collect it instead.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    decoder.pos += 1; // the permissionDenied sub-type
    const length = decoder.arr[decoder.pos]!;
    denials.push(
      new TextDecoder().decode(decoder.arr.slice(decoder.pos + 1, decoder.pos + 1 + length)),
    );
    decoder.pos = decoder.arr.length;
  };
  const storeStatuses: number[] = [];
  provider.messageHandlers[MessageType.storeStatus] = (_encoder, decoder) => {
    storeStatuses.push(decoder.arr[decoder.pos]!);
    decoder.pos = decoder.arr.length;
  };
  return {
    doc,
    provider,
    closes,
    denials,
    storeStatuses,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => client.provider.synced, 'provider synced', timeoutMs);
}

/** A raw WebSocket for hostile frames; resolves when open or rejects with the HTTP status. */
export interface RawSocket {
  socket: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

export function openRaw(wsUrl: string, docName: string, token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${docName}?token=${encodeURIComponent(token)}`);
    const received: Uint8Array[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      socket.on('close', (code, reason) => done({ code, reason: reason.toString() }));
    });
    socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    socket.on('open', () => resolve({ socket, received, closed }));
    socket.on('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0));
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** The HTTP status an upgrade gets: 101 when it opens, else the refusal's status. */
export async function upgradeStatus(
  wsUrl: string,
  docName: string,
  token: string,
): Promise<number> {
  try {
    const raw = await openRaw(wsUrl, docName, token);
    raw.socket.close();
    return 101;
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

/**
 * A fresh server per test and the clients a test opens, destroyed after it: registers the
 * hooks and hands each new server to `onStart`. Returns the array tests push their clients to.
 */
export function serverPerTest(onStart: (server: TestServer) => void): TestClient[] {
  const clients: TestClient[] = [];
  let current: TestServer | null = null;
  beforeEach(async () => {
    current = await startTestServer();
    onStart(current);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await current?.close();
    current = null;
  });
  return clients;
}
