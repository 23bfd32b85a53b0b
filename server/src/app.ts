import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CloseCode } from '@isms/shared';
import { exportRoutes } from './api/exportRoutes';
import { instructorRoutes } from './api/instructorRoutes';
import { publicRoutes } from './api/publicRoutes';
import type { ApiDeps } from './api/context';
import { TokenService } from './auth/tokens';
import { createBackends, type BackendOverrides, type Backends } from './backends';
import type { ServerConfig } from './config';
import { createRequestHandler } from './http/router';
import { createLogger, safePath } from './log';
import { ServerMetrics } from './metrics';
import { resolveSecret } from './secrets';
import { LocalRelay } from './relay/local';
import { RedisRateLimiter } from './relay/redisRateLimiter';
import { DEFAULT_PERIODIC_CATCH_UP_MS, ReplicationHub } from './relay/redisReplication';
import { resyncControlState } from './relay/redisResync';
import { ControlPlane } from './sync/control';
import { Heartbeat } from './sync/heartbeat';
import { RoomManager } from './sync/rooms';
import { Sessions } from './sync/sessions';
import { handleUpgrade } from './sync/upgrade';

/**
 * Builds and starts one server: HTTP (API, static client, health, metrics) and WebSocket sync
 * on one port. Usable in-process (tests, the load generator: port 0 works) and from main.ts.
 * Backends passed in `overrides` are owned by the caller and not closed by `close()`.
 */
export interface RunningServer {
  url: string;
  port: number;
  organiserKey: string;
  /** True when this start generated the organiser key (main.ts prints it prominently). */
  organiserKeyGenerated: boolean;
  backends: Backends;
  /** Graceful: stop accepting, close sockets (1001), flush and compact every room. */
  close(): Promise<void>;
}

export interface ServerState {
  accepting: boolean;
  storeWritable: boolean;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(
  config: ServerConfig,
  overrides: BackendOverrides = {},
): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const organiser = await resolveSecret(config.dataDir, 'organiser-key', config.organiserKey);
  const secret = await resolveSecret(config.dataDir, 'token-secret', config.tokenSecret);
  const backends = await createBackends(config, overrides);
  const { store, registry, relay, rateLimiter } = backends;
  const metrics = new ServerMetrics();
  const tokens = new TokenService(secret.value);
  const state: ServerState = { accepting: false, storeWritable: true };

  // Scale-out: gap-free delivery between instances (docs/scale-out.md); no periodic reads
  // when there is no other instance.
  const replication = new ReplicationHub({
    relay,
    store,
    periodicCatchUpMs: relay instanceof LocalRelay ? null : DEFAULT_PERIODIC_CATCH_UP_MS,
    onError: (error, docName) => log.warn({ err: error, room: docName }, 'catch-up failed'),
  });
  let sessions: Sessions | null = null;
  const rooms = new RoomManager({
    store,
    registry,
    relay,
    replication,
    metrics,
    log,
    timings: config.timings,
    onStoreHealth: (healthy) => {
      state.storeWritable = healthy;
    },
    onRoomFailed: (room) =>
      sessions?.closeWhere(
        (connection) => connection.doc.name === room.docName,
        CloseCode.storeUnavailable,
        'store-unavailable',
      ),
  });
  sessions = new Sessions({
    rooms,
    limits: config.limits,
    metrics,
    log,
    pipeline: {
      limits: config.limits,
      metrics,
      log,
      maxDeniedWrites: config.timings.maxDeniedWrites,
    },
  });
  const liveSessions = sessions;
  const control = new ControlPlane(sessions, rooms, relay, log);
  relay.onResync(() => {
    // Rooms catch up by themselves (ReplicationHub); control events missed while Redis was
    // unreachable are rebuilt from the registry.
    log.warn('relay resynced; rooms catch up from the store');
    resyncControlState({
      registry,
      connectedClaims: () => [...liveSessions.connections].map((connection) => connection.claims),
      loadedWorkshops: () => rooms.loaded().map((room) => room.name.workshopId),
      apply: (event) => control.apply(event),
    }).catch((error: unknown) => log.error({ err: error }, 'control resync failed'));
  });

  const api: ApiDeps = {
    registry,
    store,
    rooms,
    control,
    tokens,
    rateLimiter,
    organiserKey: organiser.value,
    publicUrl: config.publicUrl,
    log,
  };
  const server = createServer(
    createRequestHandler({
      routes: [...exportRoutes, ...publicRoutes, ...instructorRoutes],
      api,
      staticDir: config.staticDir,
      log,
      ready: async () => state.accepting && state.storeWritable && (await store.healthy()),
      metrics: async () => ({
        contentType: metrics.registry.contentType,
        body: await metrics.registry.metrics(),
      }),
    }),
  );
  // maxPayload: ws closes an oversized frame with 1009 before buffering it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxFrameBytes });
  const upgradeDeps = {
    wss,
    tokens,
    registry,
    sessions,
    metrics,
    log,
    accepting: () => state.accepting,
  };
  server.on('upgrade', (req, socket, head: Buffer) => {
    handleUpgrade(upgradeDeps, req, socket, head).catch((error: unknown) => {
      log.error({ err: error, path: safePath(req.url) }, 'upgrade failed');
      socket.destroy();
    });
  });
  const heartbeat = new Heartbeat(
    () => liveSessions.connections,
    config.limits.heartbeatMs,
    config.timings.keepaliveMs,
  );

  const port = await listen(server, config.port, config.host);
  state.accepting = true;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  log.info({ url }, 'server listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      state.accepting = false;
      heartbeat.stop();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      liveSessions.closeWhere(() => true, CloseCode.goingAway, 'server-shutdown');
      await rooms.closeAll();
      replication.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await serverClosed;
      metrics.stop();
      if (!overrides.store) await store.close();
      if (!overrides.registry) await registry.close();
      if (!overrides.relay) await relay.close();
      if (!overrides.rateLimiter && rateLimiter instanceof RedisRateLimiter) {
        await rateLimiter.close();
      }
      log.info('server closed');
    })();
    return closing;
  };

  return {
    url,
    port,
    organiserKey: organiser.value,
    organiserKeyGenerated: organiser.generated,
    backends,
    close,
  };
}
