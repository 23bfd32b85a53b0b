import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { exportRoutes } from './api/exportRoutes';
import { historyRoutes } from './api/historyRoutes';
import { instructorRoutes } from './api/instructorRoutes';
import { publicRoutes } from './api/publicRoutes';
import { roomRoutes } from './api/roomRoutes';
import { scenarioRoutes } from './api/scenarioRoutes';
import { TokenService } from './auth/tokens';
import { createBackends, type BackendOverrides, type Backends } from './backends';
import type { ServerConfig } from './config';
import { createAddressResolver, type AddressResolver } from './http/clientAddress';
import { createRequestHandler } from './http/router';
import { JoinGuard } from './api/joinGuard';
import { createLogger, safePath } from './log';
import { ServerMetrics } from './metrics';
import { resolveSecret } from './secrets';
import { RedisRateLimiter } from './relay/redisRateLimiter';
import { guardedHistory, guardedRegistry, guardedStore } from './store/guarded';
import { StoreHealth } from './store/health';
import { createSyncCore, type SyncCore } from './sync/core';
import { Heartbeat } from './sync/heartbeat';
import { SocketQuota } from './sync/socketQuota';
import { handleUpgrade } from './sync/upgrade';
import { loadScenarioLibrary, type ScenarioLibrary } from './scenarios/library';

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

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

interface TransportParts {
  config: ServerConfig;
  backends: Backends;
  core: SyncCore;
  tokens: TokenService;
  metrics: ServerMetrics;
  log: Logger;
  organiserKey: string;
  scenarios: ScenarioLibrary;
  clientAddress: AddressResolver;
  health: StoreHealth;
  accepting: () => boolean;
}

/** The HTTP server (API, static client, health, metrics) and the WebSocket upgrade on it. */
function createTransport(parts: TransportParts): { server: Server; wss: WebSocketServer } {
  const { config, backends, core, tokens, metrics, log, health, accepting } = parts;
  const server = createServer(
    createRequestHandler({
      routes: [
        ...exportRoutes,
        ...scenarioRoutes,
        ...publicRoutes,
        ...instructorRoutes,
        ...historyRoutes,
        ...roomRoutes,
      ],
      api: {
        ...backends,
        joinGuard: new JoinGuard(backends.rateLimiter, config.limits),
        limits: config.limits,
        clientAddress: parts.clientAddress,
        rooms: core.rooms,
        control: core.control,
        recorder: core.history,
        tokens,
        organiserKey: parts.organiserKey,
        scenarios: parts.scenarios,
        publicUrl: config.publicUrl,
        log,
      },
      staticDir: config.staticDir,
      publicUrl: config.publicUrl,
      log,
      // The cached probe result: /readyz never waits on the database (store/health.ts).
      ready: async () => accepting() && health.available,
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
    registry: backends.registry,
    sessions: core.sessions,
    quota: new SocketQuota(config.limits),
    clientAddress: parts.clientAddress,
    metrics,
    log,
    accepting,
  };
  server.on('upgrade', (req, socket, head: Buffer) => {
    handleUpgrade(upgradeDeps, req, socket, head).catch((error: unknown) => {
      log.error({ err: error, path: safePath(req.url) }, 'upgrade failed');
      socket.destroy();
    });
  });
  return { server, wss };
}

export async function startServer(
  config: ServerConfig,
  overrides: BackendOverrides = {},
): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const organiser = await resolveSecret(config.dataDir, 'organiser-key', config.organiserKey);
  const secret = await resolveSecret(config.dataDir, 'token-secret', config.tokenSecret);
  const owned = await createBackends(config, overrides);
  const health = new StoreHealth({
    probe: () => owned.store.healthy(),
    intervalMs: config.timings.storeProbeIntervalMs,
    timeoutMs: config.timings.storeProbeTimeoutMs,
  });
  // Everything below sees the store and registry through the health guard: fail fast while
  // the database is unreachable instead of waiting on it.
  const backends: Backends = {
    ...owned,
    store: guardedStore(owned.store, health),
    registry: guardedRegistry(owned.registry, health),
    history: guardedHistory(owned.history, health),
  };
  const metrics = new ServerMetrics();
  const tokens = new TokenService(secret.value);
  const core = createSyncCore(config, backends, metrics, log, health);
  const scenarios = await loadScenarioLibrary(config.dataDir, backends.registry.scenarios, log);
  let accepting = false;

  const { server, wss } = createTransport({
    config,
    backends,
    core,
    tokens,
    metrics,
    log,
    organiserKey: organiser.value,
    scenarios,
    clientAddress: createAddressResolver(config.trustProxy),
    health,
    accepting: () => accepting,
  });
  health.start();
  const heartbeat = new Heartbeat(
    () => core.sessions.connections,
    config.limits.heartbeatMs,
    config.timings.keepaliveMs,
  );

  const port = await listen(server, config.port, config.host);
  accepting = true;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  log.info({ url }, 'server listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      heartbeat.stop();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      health.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await serverClosed;
      metrics.stop();
      await closeOwnedBackends(owned, overrides);
      log.info('server closed');
    })();
    return closing;
  };

  return {
    url,
    port,
    organiserKey: organiser.value,
    organiserKeyGenerated: organiser.generated,
    backends: owned,
    close,
  };
}

/** Closes what startServer created; backends passed in as overrides belong to the caller. */
async function closeOwnedBackends(backends: Backends, overrides: BackendOverrides): Promise<void> {
  if (!overrides.store) await backends.store.close();
  if (!overrides.history) await backends.history.close();
  if (!overrides.registry) await backends.registry.close();
  if (!overrides.relay) await backends.relay.close();
  if (!overrides.rateLimiter && backends.rateLimiter instanceof RedisRateLimiter) {
    await backends.rateLimiter.close();
  }
}
