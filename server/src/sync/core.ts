import { CloseCode } from '@isms/shared';
import type { Logger } from 'pino';
import type { Backends } from '../backends';
import type { ServerConfig } from '../config';
import type { ServerMetrics } from '../metrics';
import { LocalRelay } from '../relay/local';
import type { StoreHealth } from '../store/health';
import { DEFAULT_PERIODIC_CATCH_UP_MS, ReplicationHub } from '../relay/redisReplication';
import { resyncControlState } from '../relay/redisResync';
import { HistoryRecorder } from '../history/recorder';
import { ControlPlane } from './control';
import { RoomManager } from './rooms';
import { Sessions } from './sessions';

/**
 * The sync core of one server: rooms, sessions, control events and cross-instance replication,
 * wired to each other. Transport-free: app.ts puts HTTP and WebSocket around it.
 */
export interface SyncCore {
  rooms: RoomManager;
  sessions: Sessions;
  control: ControlPlane;
  /** Board timelines (versions at intervals and events). */
  history: HistoryRecorder;
  /** Closes every socket (1001), flushes and unloads every room. */
  close(): Promise<void>;
}

export function createSyncCore(
  config: ServerConfig,
  backends: Backends,
  metrics: ServerMetrics,
  log: Logger,
  health: StoreHealth,
): SyncCore {
  const { store, registry, relay } = backends;
  // Scale-out: gap-free delivery between instances (docs/scale-out.md); no periodic reads
  // when there is no other instance.
  const replication = new ReplicationHub({
    relay,
    store,
    periodicCatchUpMs: relay instanceof LocalRelay ? null : DEFAULT_PERIODIC_CATCH_UP_MS,
    onError: (error, docName) => log.warn({ err: error, room: docName }, 'catch-up failed'),
  });
  const history = new HistoryRecorder({
    store: backends.history,
    intervalMs: config.timings.historyIntervalMs,
    maxVersions: config.timings.historyMaxVersions,
    withBoard: (docName, task) => rooms.withRoom(docName, task),
    log,
  });
  const rooms: RoomManager = new RoomManager({
    history,
    store,
    registry,
    relay,
    replication,
    metrics,
    log,
    timings: config.timings,
    health,
    maxHeldBytes: config.limits.maxHeldBytes,
    onRoomFailed: (room) =>
      sessions.closeWhere(
        (connection) => connection.doc.name === room.docName,
        CloseCode.storeUnavailable,
        'store-unavailable',
      ),
  });
  const sessions = new Sessions({
    rooms,
    limits: config.limits,
    metrics,
    log,
    health,
    pipeline: {
      limits: config.limits,
      metrics,
      log,
      maxDeniedWrites: config.timings.maxDeniedWrites,
    },
  });
  const control = new ControlPlane(sessions, rooms, relay, log);
  relay.onResync(() => {
    // Rooms catch up by themselves (ReplicationHub); control events missed while Redis was
    // unreachable are rebuilt from the registry.
    log.warn('relay resynced; rooms catch up from the store');
    resyncControlState({
      registry,
      connectedClaims: () => [...sessions.connections].map((connection) => connection.claims),
      loadedWorkshops: () => rooms.loaded().map((room) => room.name.workshopId),
      apply: (event) => control.apply(event),
    }).catch((error: unknown) => log.error({ err: error }, 'control resync failed'));
  });
  // Every socket of this instance hears at once when saving pauses and resumes.
  let told = true;
  const stopStatus = health.onChange((available) => {
    if (available === told) return;
    told = available;
    log.warn({ available }, available ? 'store available again' : 'store unavailable');
    sessions.broadcastStoreStatus(available);
  });
  return {
    rooms,
    sessions,
    control,
    history,
    async close() {
      stopStatus();
      sessions.closeWhere(() => true, CloseCode.goingAway, 'server-shutdown');
      await rooms.closeAll();
      history.close();
      replication.close();
    },
  };
}
