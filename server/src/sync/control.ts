import { CloseCode, boardDocName, setLocked } from '@isms/shared';
import type { Logger } from 'pino';
import type { ControlEvent, Relay } from '../relay/types';
import type { RoomManager } from './rooms';
import type { Sessions } from './sessions';

/**
 * Workshop-level events (revocation, lock, archive, delete). `dispatch` applies an event here
 * and publishes it to the other instances; the relay hands their events to `apply`. Applying
 * is idempotent, so an instance hearing its own event back does no harm.
 */
export class ControlPlane {
  constructor(
    private readonly sessions: Sessions,
    private readonly rooms: RoomManager,
    private readonly relay: Relay,
    private readonly log: Logger,
  ) {
    relay.onControl((event) => this.apply(event));
  }

  async dispatch(event: ControlEvent): Promise<void> {
    this.apply(event);
    await this.relay.publishControl(event).catch((error: unknown) => {
      this.log.error({ err: error, kind: event.kind }, 'control event publish failed');
    });
  }

  apply(event: ControlEvent): void {
    switch (event.kind) {
      case 'revoke-token':
        this.sessions.closeWhere(
          (connection) => connection.claims.jti === event.jti,
          CloseCode.tokenRevoked,
          'token-revoked',
        );
        return;
      case 'revoke-group':
        this.sessions.closeWhere(
          (connection) =>
            connection.claims.workshop === event.workshopId &&
            connection.claims.role === 'participant' &&
            connection.claims.group === event.groupId &&
            connection.claims.gen < event.generation,
          CloseCode.tokenRevoked,
          'token-revoked',
        );
        return;
      case 'lock':
        for (const room of this.rooms.loaded()) {
          const name = room.name;
          if (name.kind !== 'board' || name.workshopId !== event.workshopId) continue;
          if (event.groupId === null || event.groupId === name.groupId)
            room.policy.locked = event.locked;
        }
        return;
      case 'workshop-status':
        for (const room of this.rooms.loaded()) {
          if (room.name.workshopId === event.workshopId)
            room.policy.archived = event.status === 'archived';
        }
        return;
      case 'workshop-deleted':
        this.sessions.closeWhere(
          (connection) => connection.claims.workshop === event.workshopId,
          CloseCode.workshopDeleted,
          'workshop-deleted',
        );
        for (const room of this.rooms.loaded()) {
          if (room.name.workshopId === event.workshopId) void this.rooms.discard(room);
        }
        return;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  }

  /** Mirrors the registry's lock into each board's meta so every client shows it. */
  async mirrorLock(workshopId: string, groupIds: string[], locked: boolean): Promise<void> {
    for (const groupId of groupIds) {
      await this.rooms.withRoom(boardDocName(workshopId, groupId), async (room) => {
        room.policy.locked = locked;
        setLocked(room.doc, locked, 'server');
        await room.whenPersisted();
      });
    }
  }
}
