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
  /**
   * Bytes of edits one room holds while the store refuses writes (database unreachable, disk
   * full), before it gives up, closes its sockets with 4005 and unloads (the clients keep their
   * edits and re-send them). 2 MiB ≈ 20 minutes of eight people typing (~40 B per keystroke,
   * 5/s each); 80 rooms holding that much cost 160 MiB at worst.
   */
  maxHeldBytes: 2 * 1024 * 1024,
  /**
   * FAILED join attempts (unknown code) per client address per minute before 429; successful
   * joins are not counted, so a class of 40 behind one venue NAT joins at once. 20 leaves room
   * for typos; an attacker's budget is in docs/server.md ("Join guessing").
   */
  joinFailuresPerAddress: 20,
  /**
   * FAILED join attempts per minute over ALL addresses (every workshop's codes share it: a wrong
   * code names no workshop). Caps an attacker with many addresses at 120 × 60 = 7,200 guesses
   * an hour against 31^8 ≈ 8.5 × 10^11 codes. Addresses that joined successfully in the last
   * hour are exempt, so an ongoing attack cannot lock out a venue whose class is already in.
   */
  joinFailuresServerWide: 120,
  /**
   * Open WebSockets per token (4009 beyond). A participant tab holds 2 (board + workshop doc);
   * an instructor console with 30 groups holds 31; 64 fits two consoles on one token, while one
   * stolen token can no longer pin hundreds of sockets.
   */
  maxSocketsPerToken: 64,
  /**
   * Open WebSockets per client address (4009 beyond). 40 participants behind one NAT with 3
   * tabs each hold 240, an instructor's two consoles 62 more: 512 keeps ~1.7× headroom for a
   * venue, and bounds what one address can pin (each socket costs ~50 KiB of server memory).
   */
  maxSocketsPerAddress: 512,
} as const;
export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/**
 * HTTP request body limits, bytes. A body over its limit is refused with 413 as soon as the
 * declared Content-Length (or the bytes read so far) pass it — never read to the end.
 */
export const BODY_LIMITS = {
  /**
   * Join, create workshop, lock, status, revoke: real bodies are < 1 KiB; 16 KiB leaves room for
   * a 200-character title in any script and stops a public route from reading megabytes.
   */
  small: 16 * 1024,
  /**
   * Backup restore and scenario documents (organiser only, after authentication): 16 MiB fits a
   * backup of 30 boards with room to spare (real ones are < 1 MiB) as base64 in JSON.
   */
  large: 16 * 1024 * 1024,
} as const;

/** Join codes: 8 characters from an alphabet without 0/O, 1/I/l, read aloud easily. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;

/** Token lifetimes, seconds. A workshop day is ~5 h; a participant token outlives it a bit. */
export const TOKEN_TTL_SECONDS = {
  participant: 12 * 60 * 60,
  viewer: 12 * 60 * 60,
  instructor: 24 * 60 * 60,
} as const;
