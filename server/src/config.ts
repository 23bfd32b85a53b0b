import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from '@isms/shared';
import { parseTrustProxy } from './http/clientAddress';

/**
 * Server configuration from the environment. Every limit of `DEFAULT_LIMITS` can be overridden
 * with its SCREAMING_SNAKE_CASE name (e.g. MAX_FRAME_BYTES=2097152). Timings that only the
 * server knows about (keepalive, eviction, compaction) live in `ServerTimings` below.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface ServerTimings {
  /**
   * Application-level keepalive to idle sockets, ms. y-websocket's client drops a socket after
   * 30 s without any message (pings are invisible to browser JS), so 15 s keeps idle but healthy
   * clients connected with one spare interval.
   */
  keepaliveMs: number;
  /** How long an empty room stays loaded before it is flushed and evicted, ms. 30 s covers a
   *  Wi-Fi blip without reloading; short enough that 80 idle rooms do not pile up. */
  roomIdleMs: number;
  /** Compact a room's log once it holds this many updates (500 ≈ a few minutes of typing). */
  compactAfterUpdates: number;
  /** …or this many bytes (256 KiB); keeps a room's load time bounded. */
  compactAfterBytes: number;
  /** Graceful shutdown budget, ms: SIGTERM must exit within 5 s (orchestrators kill at 10 s). */
  shutdownGraceMs: number;
  /** Permission-denied answers a read-only socket may receive before it is closed (4003). */
  maxDeniedWrites: number;
  /**
   * Board history: a version is taken this long after the first change since the previous
   * version, ms. 2 min gives ~38 versions for a 75-minute session — fine enough to find the
   * moment before a mistake and to replay how the table grew — at a few MB per workshop
   * (BENCHMARKS.md "Board history").
   */
  historyIntervalMs: number;
  /**
   * Most versions kept per board. 300 = 10 hours of continuous editing at the default
   * interval; beyond it periodic versions are thinned (the closest in time go first), so the
   * timeline stays bounded however long a board lives.
   */
  historyMaxVersions: number;
  /**
   * Pause between two store health probes, ms (store/health.ts). 250 ms: with the 750 ms probe
   * timeout a stalled database is noticed within ~1 s; a `SELECT 1` 4×/s is nothing for it.
   */
  storeProbeIntervalMs: number;
  /**
   * A probe not answered within this means "unreachable", ms. 750 ms is ~500× a normal round
   * trip; raise it for a database far away or a machine so loaded that probes come late.
   */
  storeProbeTimeoutMs: number;
  /**
   * While a room holds writes the store refused (disk full), retry every this many ms. 1 s; a
   * database that was unreachable is retried as soon as a probe answers again.
   */
  storeRetryMs: number;
}

export const DEFAULT_TIMINGS: ServerTimings = {
  keepaliveMs: 15_000,
  roomIdleMs: 30_000,
  compactAfterUpdates: 500,
  compactAfterBytes: 256 * 1024,
  shutdownGraceMs: 5_000,
  maxDeniedWrites: 5,
  historyIntervalMs: 120_000,
  historyMaxVersions: 300,
  storeProbeIntervalMs: 250,
  storeProbeTimeoutMs: 750,
  storeRetryMs: 1_000,
};

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Base URL printed and used in join/instructor links; defaults to http://localhost:<port>. */
  publicUrl: string | null;
  /** null = read DATA_DIR/organiser-key or generate it on first start. */
  organiserKey: string | null;
  /** null = read DATA_DIR/token-secret or generate it on first start. */
  tokenSecret: string | null;
  databaseUrl: string | null;
  redisUrl: string | null;
  logLevel: string;
  /** Built client to serve; null disables static serving. */
  staticDir: string | null;
  /**
   * TRUST_PROXY: addresses of reverse proxies whose X-Forwarded-For is believed (comma list of
   * IPs, CIDRs or `loopback`/`linklocal`/`uniquelocal`). Empty (default): the TCP peer is the
   * client. See http/clientAddress.ts and docs/deployment.md.
   */
  trustProxy: string[];
  /**
   * SQLite `synchronous` in WAL mode. NORMAL (default): a commit is written to the WAL before
   * `append` resolves, so it survives a crash or `kill -9` of the process; the WAL is fsynced at
   * checkpoints, so a power loss can roll back the last commits (never corrupts). FULL fsyncs
   * every commit (survives power loss) but blocks the event loop for the fsync — on a busy or
   * slow disk that costs every room hundreds of ms. See docs/server.md.
   */
  sqliteSynchronous: SqliteSynchronous;
  limits: Limits;
  timings: ServerTimings;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATIC_DIR = path.resolve(here, '../../client/dist');

function toEnvName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  }
  return value;
}

function readRecord<T extends object>(env: NodeJS.ProcessEnv, defaults: T): T {
  const result = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    result[key] = readNumber(env, toEnvName(key), defaults[key] as number) as T[typeof key];
  }
  return result;
}

function optional(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "${synchronous}"`);
  }
  return {
    port: readNumber(env, 'PORT', 8080),
    host: optional(env.HOST) ?? '0.0.0.0',
    // Relative to where `npm start` was typed (npm runs workspace scripts inside server/).
    dataDir: path.resolve(
      optional(env.INIT_CWD) ?? process.cwd(),
      optional(env.DATA_DIR) ?? './data',
    ),
    publicUrl: optional(env.PUBLIC_URL)?.replace(/\/+$/, '') ?? null,
    organiserKey: optional(env.ORGANISER_KEY),
    tokenSecret: optional(env.TOKEN_SECRET),
    databaseUrl: optional(env.DATABASE_URL),
    redisUrl: optional(env.REDIS_URL),
    logLevel: optional(env.LOG_LEVEL) ?? 'info',
    staticDir: env.STATIC_DIR === '' ? null : (optional(env.STATIC_DIR) ?? DEFAULT_STATIC_DIR),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sqliteSynchronous: synchronous,
    limits: readRecord(env, { ...DEFAULT_LIMITS }),
    timings: readRecord(env, DEFAULT_TIMINGS),
  };
}

/** A config for tests and embedding: defaults, no environment, overrides applied. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const base = loadConfig({});
  return {
    ...base,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
    logLevel: 'silent',
    ...overrides,
    limits: { ...base.limits, ...overrides.limits },
    timings: { ...base.timings, ...overrides.timings },
  };
}
