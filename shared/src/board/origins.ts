/**
 * Typed transaction origins (style principle 4). Side effects branch on them:
 * - LocalOrigin: a command run by this user in this process; the only origin an UndoManager
 *   tracks, so remote edits never enter a user's undo stack.
 * - ConnectionOrigin: an update received from a client socket (server side).
 * - StoreOrigin: loaded from persistence; never persisted again or re-broadcast as new.
 * - RelayOrigin: received from another server instance; persisted by its origin instance only.
 * - RemoteOrigin: received by a client from the server.
 * - ServerOrigin: a write the server itself makes (e.g. mirroring lock state into meta).
 */
export class LocalOrigin {
  readonly kind = 'local';
  constructor(readonly command: string) {}
}
export class ConnectionOrigin {
  readonly kind = 'connection';
  constructor(readonly connectionId: string) {}
}
export class StoreOrigin {
  readonly kind = 'store';
}
export class RelayOrigin {
  readonly kind = 'relay';
  constructor(readonly instanceId: string) {}
}
export class RemoteOrigin {
  readonly kind = 'remote';
}
export class ServerOrigin {
  readonly kind = 'server';
  constructor(readonly reason: string) {}
}
export type TransactionOrigin =
  LocalOrigin | ConnectionOrigin | StoreOrigin | RelayOrigin | RemoteOrigin | ServerOrigin;

export function originKind(origin: unknown): TransactionOrigin['kind'] | 'unknown' {
  if (
    origin instanceof LocalOrigin ||
    origin instanceof ConnectionOrigin ||
    origin instanceof StoreOrigin ||
    origin instanceof RelayOrigin ||
    origin instanceof RemoteOrigin ||
    origin instanceof ServerOrigin
  ) {
    return origin.kind;
  }
  return 'unknown';
}
