import * as Y from 'yjs';
import { StoreOrigin, migrateBoard, parseDocName, phaseParticipantAccess } from '@isms/shared';
import type { WorkshopRecord, WorkshopRegistry } from '../registry/types';
import type { ReplicationHub } from '../relay/redisReplication';
import { Room, type RoomDeps } from './room';

/**
 * Loads a room before its first sync: the stored snapshot and log are applied with
 * `StoreOrigin` (never persisted again), the policy comes from the registry, boards are
 * migrated to the current schema (a migration is a server write, persisted like any other).
 * Throws if the store or registry fails — the caller closes the waiting sockets with
 * `loadFailed`, and nothing was written.
 */
export class WorkshopGoneError extends Error {}

/** Whether the workshop's current agenda phase makes participants read-only. */
export function isPhaseReadOnly(workshop: WorkshopRecord): boolean {
  return phaseParticipantAccess(workshop.scenario.schedule[workshop.phaseIndex]) === 'read-only';
}

export async function loadRoom(
  docName: string,
  registry: WorkshopRegistry,
  deps: RoomDeps,
  replication: ReplicationHub,
): Promise<Room> {
  const name = parseDocName(docName);
  if (!name) throw new Error(`invalid document name`);
  const workshop = await registry.get(name.workshopId);
  if (!workshop) throw new WorkshopGoneError(name.workshopId);
  const group =
    name.kind === 'board'
      ? workshop.groups.find((candidate) => candidate.id === name.groupId)
      : null;
  const stored = await deps.store.load(docName);
  const lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
  const room = new Room(
    name,
    {
      locked: group?.locked ?? false,
      archived: workshop.status === 'archived',
      phaseReadOnly: isPhaseReadOnly(workshop),
    },
    {
      lastSeq,
      count: stored.updates.length,
      bytes: stored.updates.reduce((sum, entry) => sum + entry.update.byteLength, 0),
    },
    deps,
    name.kind === 'board' ? workshop.scenario : null,
  );
  try {
    const origin = new StoreOrigin();
    if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot, origin);
    for (const entry of stored.updates) Y.applyUpdate(room.doc, entry.update, origin);
    if (name.kind === 'board') migrateBoard(room.doc);
    // Scale-out (relay/redisReplication.ts): subscribes to the relay, tracks seqs per update
    // and catches up from the store on gaps, resyncs and periodically — including right now,
    // for what other instances appended between our load and our subscription.
    await replication.attach({
      docName,
      doc: room.doc,
      awareness: room.awareness,
      loadedSeq: lastSeq,
    });
  } catch (error) {
    room.destroy();
    throw error;
  }
  return room;
}
