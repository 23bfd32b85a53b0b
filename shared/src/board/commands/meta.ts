import type * as Y from 'yjs';
import { LocalOrigin, ServerOrigin } from '../origins';
import { readMeta } from '../records';
import { type CommandResult, ok } from '../result';
import { BOARD_SCHEMA_VERSION, boardRoots } from '../schema';

export interface BoardIdentity {
  workshopId: string;
  groupId: string;
  scenarioId: string;
}

/**
 * Writes the meta of a new board. Run once by the server when it creates the workshop, so
 * every client syncs an initialised board; idempotent.
 */
export function initBoard(doc: Y.Doc, identity: BoardIdentity): CommandResult {
  const meta = boardRoots(doc).meta;
  if (meta.get('schemaVersion') !== undefined) return ok();
  doc.transact(() => {
    meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
    meta.set('workshopId', identity.workshopId);
    meta.set('groupId', identity.groupId);
    meta.set('scenarioId', identity.scenarioId);
    meta.set('locked', false);
  }, new ServerOrigin('init'));
  return ok();
}

/**
 * Mirrors the lock into the board so every client shows it. The authority is the server's
 * workshop registry: a client that flips this flag itself changes nothing the server enforces.
 */
export function setLocked(
  doc: Y.Doc,
  locked: boolean,
  origin: 'server' | 'local' = 'server',
): CommandResult {
  if (readMeta(doc).locked === locked) return ok();
  doc.transact(
    () => boardRoots(doc).meta.set('locked', locked),
    origin === 'server' ? new ServerOrigin('lock') : new LocalOrigin('lock'),
  );
  return ok();
}

/**
 * Mirrors the room state the server decides — the phase's read-only flag and the group's
 * 「完了」 — into the board so every client shows it. Server-side only (participants cannot
 * write meta); a flag left out is not changed.
 */
export function mirrorRoomState(
  doc: Y.Doc,
  state: { phaseReadOnly?: boolean; done?: boolean; takeHome?: boolean },
): CommandResult {
  const meta = boardRoots(doc).meta;
  const current = readMeta(doc);
  const changes = Object.entries(state).filter(
    ([key, value]) => value !== undefined && current[key as keyof typeof state] !== value,
  );
  if (changes.length === 0) return ok();
  doc.transact(() => {
    for (const [key, value] of changes) meta.set(key, value);
  }, new ServerOrigin('room-state'));
  return ok();
}

/**
 * Points a board restored from a backup at its new workshop (restores create a new workshop id)
 * and resets the lock mirror to the registry's state for the copy. Server-side only.
 */
export function rebindBoard(
  doc: Y.Doc,
  identity: Pick<BoardIdentity, 'workshopId' | 'groupId'>,
  locked: boolean,
): CommandResult {
  const meta = boardRoots(doc).meta;
  doc.transact(() => {
    meta.set('workshopId', identity.workshopId);
    meta.set('groupId', identity.groupId);
    meta.set('locked', locked);
  }, new ServerOrigin('restore'));
  return ok();
}
