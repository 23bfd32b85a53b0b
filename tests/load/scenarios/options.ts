import type { ServerKind } from '../servers/serverProcess';

/** Command-line options shared by every scenario. */
export interface RunOptions {
  /** Load duration per run or per capacity step, ms. */
  durationMs: number;
  /** Editing before each measured window, discarded (see runLoad), ms. */
  warmupMs: number;
  drainMs: number;
  workers: number;
  /** Which servers to measure, in table order (reference first so ratios read ours/reference). */
  kinds: ServerKind[];
  /**
   * Participant tokens (run.ts `--participants`): each client places its own card on a real
   * group board and types its probes into that card's note, so every write goes through the
   * participant's board-schema checks (issue #10). Default: instructor tokens, one shared text.
   */
  participants?: boolean;
  /** Environment for our server (e.g. DATABASE_URL and REDIS_URL for scale-out). */
  oursEnv: Record<string, string>;
  /** `--awareness <ms>`: overrides every scenario's awareness interval (0 = off). */
  awarenessMs?: number;
  /** `--edit <ms>`: overrides every scenario's edit interval (0 = nobody edits). */
  editMs?: number;
}

/** A scenario's rates with the command line's awareness override applied. */
export function withOverrides(
  rates: { editIntervalMs: number; awarenessIntervalMs: number },
  options: RunOptions,
) {
  return {
    editIntervalMs: options.editMs ?? rates.editIntervalMs,
    awarenessIntervalMs: options.awarenessMs ?? rates.awarenessIntervalMs,
  };
}

/** Default load duration, ms: long enough for thousands of samples, short enough to step. */
export const DEFAULT_DURATION_MS = 20_000;
/**
 * Default warm-up, ms: clients edit this long at the run's rates before the measured window.
 * Until V8 has optimised the hot paths (Yjs decode/integrate, ws framing, our pipeline) every
 * server is several times slower; at capacity the first second's backlog alone decided the p99.
 */
export const DEFAULT_WARMUP_MS = 5_000;
/** Default drain, ms: far above any healthy latency, so what is missing after it is lost. */
export const DEFAULT_DRAIN_MS = 5_000;
/** Generator processes: one per core of the 2-core benchmark machine. */
export const DEFAULT_WORKERS = 2;

/** Workshop rates (issue 3): one edit per client every 200 ms, awareness at 1 Hz. */
export const WORKSHOP_RATES = { editIntervalMs: 200, awarenessIntervalMs: 1000 };
/** Members of one workshop group. */
export const WORKSHOP_GROUP_SIZE = 5;
