import { CloseCode, DenyReason } from '@isms/shared';
import type { Logger } from 'pino';
import type { Limits } from '@isms/shared';
import type { ServerMetrics } from '../metrics';
import type { Connection } from './connection';
import { participantWriteDenial } from './boardWrites';
import { decodeFrame, type ClientFrame } from './frame';
import { permissionDeniedFrame } from './messages';
import { writeDenial } from './policy';
import type { Room } from './room';
import type { WriteCheck } from './shadowDoc';
import { decodeAwareness, decodeUpdateSafely, isValidStateVector, wouldChange } from './validate';

/**
 * The per-frame pipeline: rate → decode → validate → (apply → persist → broadcast, in Room).
 * Ends in an exhaustive switch over the decoded frame types; anything unknown or forbidden
 * closes the socket with a documented code (docs/PROTOCOL.md) and is counted and logged with
 * the room and the reason. One socket's bad frame never touches another socket or room.
 */
export interface PipelineDeps {
  limits: Limits;
  metrics: ServerMetrics;
  log: Logger;
  maxDeniedWrites: number;
}

function reject(
  deps: PipelineDeps,
  connection: Connection,
  room: Room,
  reason: string,
  code: CloseCode,
): void {
  deps.metrics.rejectedFrames.inc({ reason });
  deps.log.warn({ room: room.docName, connection: connection.id, reason, code }, 'frame rejected');
  connection.close(code, reason);
}

function deny(deps: PipelineDeps, connection: Connection, room: Room, reason: DenyReason): void {
  deps.metrics.rejectedFrames.inc({ reason });
  connection.deniedWrites += 1;
  connection.send(permissionDeniedFrame(reason));
  if (connection.deniedWrites > deps.maxDeniedWrites) {
    reject(deps, connection, room, reason, CloseCode.writeForbidden);
  }
}

/**
 * What a socket's writes are checked against beyond "does it integrate now": a participant's
 * board write against the board schema (boardWrites.ts); instructors and the workshop doc are
 * trusted with any content.
 */
function writeCheck(connection: Connection, room: Room): WriteCheck | null {
  const { scenario } = room;
  if (connection.claims.role !== 'participant' || scenario === null) return null;
  return (doc, transaction) => participantWriteDenial(doc, transaction, scenario);
}

/**
 * Updates in a row refused for missing dependencies that are answered with a sync step 1
 * before they count as denials. An honest client sends one after an earlier write of it was
 * refused (a lock, a reconnect race: its update left before its sync step 2): the step 1 makes
 * it send everything the room lacks, which heals it within one round trip. 32 covers a fast
 * typist's frames during a slow round trip; a client that keeps sending them is hostile and is
 * closed `maxDeniedWrites` denials later.
 */
export const MISSING_DEPENDENCY_GRACE = 32;

function refuseMissing(deps: PipelineDeps, connection: Connection, room: Room) {
  connection.missingInARow += 1;
  if (connection.missingInARow > MISSING_DEPENDENCY_GRACE) {
    return deny(deps, connection, room, DenyReason.missingDependencies);
  }
  deps.metrics.rejectedFrames.inc({ reason: DenyReason.missingDependencies });
  connection.send(permissionDeniedFrame(DenyReason.missingDependencies));
  // One request per streak: each answer carries everything the room lacks.
  if (connection.missingInARow === 1) room.requestMissing(connection);
}

function handleUpdate(deps: PipelineDeps, connection: Connection, room: Room, update: Uint8Array) {
  const decoded = decodeUpdateSafely(update);
  if (!decoded) return reject(deps, connection, room, 'invalid-update', CloseCode.invalidPayload);
  const denial = writeDenial(connection, room.policy);
  if (denial) {
    if (wouldChange(room.doc, decoded)) deny(deps, connection, room, denial);
    return;
  }
  if (room.approxBytes + update.byteLength > deps.limits.maxDocumentBytes) {
    if (!wouldChange(room.doc, decoded)) return;
    return reject(deps, connection, room, 'document-too-large', CloseCode.documentTooLarge);
  }
  let refused: DenyReason | null;
  try {
    refused = room.applyClientUpdate(
      connection,
      { bytes: update, decoded },
      writeCheck(connection, room),
    );
  } catch (error) {
    deps.log.warn({ err: error, room: room.docName }, 'update failed to apply');
    return reject(deps, connection, room, 'update-apply-failed', CloseCode.invalidPayload);
  }
  if (refused === null) connection.missingInARow = 0;
  else if (refused === DenyReason.missingDependencies) refuseMissing(deps, connection, room);
  else deny(deps, connection, room, refused);
}

function handleAwareness(
  deps: PipelineDeps,
  connection: Connection,
  room: Room,
  update: Uint8Array,
) {
  const decoded = decodeAwareness(update, (clientId) => room.ownedByOther(connection, clientId));
  if (!decoded)
    return reject(deps, connection, room, 'invalid-awareness', CloseCode.invalidPayload);
  const own = room.ownAwareness(connection, decoded.entries);
  const dropped = decoded.skipped + decoded.entries.length - own.length;
  if (dropped > 0) {
    deps.metrics.rejectedFrames.inc({ reason: DenyReason.awarenessNotOwned }, dropped);
  }
  if (own.length > 0) room.applyAwareness(connection, own);
}

function dispatch(deps: PipelineDeps, connection: Connection, room: Room, frame: ClientFrame) {
  switch (frame.type) {
    case 'sync-step1':
      if (!isValidStateVector(frame.stateVector)) {
        return reject(deps, connection, room, 'invalid-state-vector', CloseCode.invalidPayload);
      }
      room.answerSyncStep1(connection, frame.stateVector).catch((error: unknown) => {
        deps.log.error({ err: error, room: room.docName }, 'sync step 1 failed');
      });
      return;
    case 'sync-step2':
    case 'sync-update':
      return handleUpdate(deps, connection, room, frame.update);
    case 'awareness':
      return handleAwareness(deps, connection, room, frame.update);
    case 'query-awareness':
      return room.sendAwarenessTo(connection);
    default: {
      const unreachable: never = frame;
      return unreachable;
    }
  }
}

export function handleFrame(
  deps: PipelineDeps,
  connection: Connection,
  room: Room,
  data: Uint8Array,
): void {
  if (connection.closed) return;
  deps.metrics.bytesIn.inc(data.byteLength);
  if (!connection.frames.take()) {
    return reject(deps, connection, room, 'rate-limited', CloseCode.rateLimited);
  }
  const decoded = decodeFrame(data);
  if (!decoded.ok) {
    const code =
      decoded.reason === 'unknown-message-type' || decoded.reason === 'auth-from-client'
        ? CloseCode.unsupportedData
        : CloseCode.invalidPayload;
    deps.metrics.framesIn.inc({ type: 'invalid' });
    return reject(deps, connection, room, decoded.reason, code);
  }
  deps.metrics.framesIn.inc({ type: decoded.frame.type });
  dispatch(deps, connection, room, decoded.frame);
}
