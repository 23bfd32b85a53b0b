/**
 * y-websocket wire protocol (see PROTOCOL.md). The first varint of every binary frame is the
 * message type; these are the values y-websocket's WebsocketProvider uses, so it connects
 * unmodified.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Ours, server → client only: whether this instance can save right now (`StoreStatus`).
   * y-websocket's provider has no handler for it and ignores it (one console.error), so an
   * unmodified client keeps working; ours registers a handler and shows it (docs/PROTOCOL.md).
   */
  storeStatus: 4,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * Payload of a `storeStatus` message (one varuint). `paused`: the store is unreachable or
 * refusing writes; the socket stays open, edits are applied and held, and they are saved and
 * broadcast once it is back. `saving`: writes are durable again. Sent on every change and to a
 * socket that opens while saving is paused.
 */
export const StoreStatus = { saving: 0, paused: 1 } as const;
export type StoreStatus = (typeof StoreStatus)[keyof typeof StoreStatus];

/** y-protocols/auth: the only auth sub-message is "permission denied" followed by a reason. */
export const AuthMessageType = { permissionDenied: 0 } as const;

/**
 * WebSocket close codes. 1000–1015 are RFC 6455; 4000–4999 are ours. Codes in the
 * "retryable" set tell the client to reconnect with backoff; the others mean "do not retry
 * with the same token".
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  /** The token was revoked or the join code rotated: ask for a new token. */
  tokenRevoked: 4001,
  /** The token expired while connected: ask for a new token. */
  tokenExpired: 4002,
  /** The socket sent a write it may not send (read-only role or locked board). */
  writeForbidden: 4003,
  /** The board could not be loaded from the store; retry later, nothing was overwritten. */
  loadFailed: 4004,
  /**
   * The store refused writes for longer than a room may hold them (`maxHeldBytes`); the room
   * was unloaded and the client keeps its edits and re-sends them on reconnect.
   */
  storeUnavailable: 4005,
  /** The document reached its size cap. */
  documentTooLarge: 4006,
  /** Too many frames per second from one socket. */
  rateLimited: 4008,
  /** Too many open sockets for this token or client address (maxSocketsPerToken/…PerAddress);
   *  retryable: a slot frees when another tab closes. */
  tooManyConnections: 4009,
  /** The workshop was deleted. */
  workshopDeleted: 4010,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const RETRYABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.goingAway,
  CloseCode.internalError,
  CloseCode.tryAgainLater,
  CloseCode.loadFailed,
  CloseCode.storeUnavailable,
  CloseCode.tooManyConnections,
]);

/** Reasons sent with close codes and permission-denied messages; the client translates them. */
export const DenyReason = {
  readOnly: 'read-only',
  locked: 'locked',
  /** The instructor moved the room to a phase where participants only read. */
  phaseReadOnly: 'phase-read-only',
  archived: 'archived',
  awarenessNotOwned: 'awareness-not-owned',
  /**
   * The update builds on items or deletes items the server does not have (docs/PROTOCOL.md
   * "What the server checks on every write"): it would stay pending, so it is refused.
   */
  missingDependencies: 'missing-dependencies',
  /** A participant's write inside `feedback` (instructors') or `meta` (the server's). */
  instructorOnly: 'instructor-only',
  /** A root, key, Yjs type or field the board schema does not have (docs/board-schema.md). */
  invalidStructure: 'invalid-structure',
  /** An asset id that is not part of the workshop's scenario. */
  unknownAsset: 'unknown-asset',
  /** A control id that is not in the ISO/IEC 27001:2022 Annex A catalog. */
  unknownControl: 'unknown-control',
  /** A catalog control the workshop's scenario does not offer (its theme). */
  controlNotInTheme: 'control-not-in-theme',
  /** A card whose assetId/controlId disagrees with its slot key "<assetId>|<controlId>". */
  slotMismatch: 'slot-mismatch',
  /** More cards on one asset than MAX_CARDS_PER_ASSET. */
  laneFull: 'lane-full',
  /** A note longer than MAX_NOTE_LENGTH. */
  noteTooLong: 'note-too-long',
  /** A link label, SoA text or name longer than its limit. */
  textTooLong: 'text-too-long',
  /** Close reason with 4004 when the store cannot be reached at upgrade or room load. */
  storeUnavailable: 'store-unavailable',
} as const;
export type DenyReason = (typeof DenyReason)[keyof typeof DenyReason];
