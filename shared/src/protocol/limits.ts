/**
 * Limits every server enforces. Each is configuration (see server/src/config.ts for the
 * environment variables) with the default here; the reason for every number is beside it.
 */
export const DEFAULT_LIMITS = {
  /**
   * Largest accepted WebSocket frame, bytes. 1 MiB: a full board encodes to well under 64 KiB,
   * so only a hostile or broken client sends more (ws defaults to 100 MiB, which lets one
   * socket pin that much memory).
   */
  maxFrameBytes: 1024 * 1024,
  /**
   * Largest encoded document, bytes. 8 MiB is > 100× a finished workshop board; beyond it a
   * board is being abused, and loading it would slow every join.
   */
  maxDocumentBytes: 8 * 1024 * 1024,
  /**
   * Bytes buffered for a socket that does not read before it is closed (1013). 4 MiB holds
   * minutes of normal traffic; a stalled phone must not make the server hold unbounded memory.
   */
  maxBufferedBytes: 4 * 1024 * 1024,
  /**
   * Frames per second per socket (token bucket, burst = 2× rate). 200/s is ~10× the fastest
   * typist plus awareness; floods beyond it are closed with 4008.
   */
  maxFramesPerSecond: 200,
  /**
   * Heartbeat interval, ms. A socket that missed one ping round is considered dead and reaped.
   * 30 s keeps NAT mappings alive; y-websocket's client itself reconnects after 30 s silence,
   * which our pings prevent for idle but healthy clients.
   */
  heartbeatMs: 30_000,
  /** Join attempts per client address per minute before 429; codes have ~10^9 values. */
  joinAttemptsPerMinute: 20,
} as const;
export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** Join codes: 8 characters from an alphabet without 0/O, 1/I/l, read aloud easily. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;

/** Token lifetimes, seconds. A workshop day is ~5 h; a participant token outlives it a bit. */
export const TOKEN_TTL_SECONDS = {
  participant: 12 * 60 * 60,
  viewer: 12 * 60 * 60,
  instructor: 24 * 60 * 60,
} as const;
