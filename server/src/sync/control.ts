import {
  CloseCode,
  boardDocName,
  goToPhase,
  mirrorRoomState,
  readWorkshopDoc,
  setLocked,
  workshopDocName,
  writeTimer,
  type ScheduleItem,
} from '@isms/shared';
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
          (connection) =>
            connection.claims.workshop === event.workshopId && connection.claims.jti === event.jti,
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
      case 'phase':
        for (const room of this.rooms.loaded()) {
          if (room.name.kind === 'board' && room.name.workshopId === event.workshopId)
            room.policy.phaseReadOnly = event.readOnly;
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

  /**
   * Mirrors the phase into every board's meta (so every screen shows it) and puts the shared
   * timer on the phase, paused at its full duration — one server write per document.
   */
  async mirrorPhase(
    workshopId: string,
    groupIds: string[],
    schedule: readonly ScheduleItem[],
    phaseIndex: number,
    readOnly: boolean,
  ): Promise<void> {
    for (const groupId of groupIds) {
      await this.rooms.withRoom(boardDocName(workshopId, groupId), async (room) => {
        room.policy.phaseReadOnly = readOnly;
        mirrorRoomState(room.doc, { phaseReadOnly: readOnly });
        await room.whenPersisted();
      });
    }
    await this.rooms.withRoom(workshopDocName(workshopId), async (room) => {
      const current = readWorkshopDoc(room.doc, schedule).timer;
      if (current.phaseIndex !== phaseIndex) writeTimer(room.doc, goToPhase(schedule, phaseIndex));
      await room.whenPersisted();
    });
  }

  /** Mirrors the take-home setting into every board (the participant's download menu). */
  async mirrorTakeHome(workshopId: string, groupIds: string[], takeHome: boolean): Promise<void> {
    for (const groupId of groupIds) {
      await this.rooms.withRoom(boardDocName(workshopId, groupId), async (room) => {
        mirrorRoomState(room.doc, { takeHome });
        await room.whenPersisted();
      });
    }
  }

  /** Mirrors a group's 「完了」 into its board's meta (the instructor's overview reads it). */
  async mirrorDone(workshopId: string, groupId: string, done: boolean): Promise<void> {
    await this.rooms.withRoom(boardDocName(workshopId, groupId), async (room) => {
      mirrorRoomState(room.doc, { done });
      await room.whenPersisted();
    });
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
