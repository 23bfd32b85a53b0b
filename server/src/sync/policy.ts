import { DenyReason } from '@isms/shared';
import type { Connection } from './connection';
import type { RoomPolicy } from './room';

/**
 * Whether a socket may write to its room right now, and if not why. The socket's role and doc
 * give its base access at upgrade; the room's policy (lock, archive) can change while it is
 * connected, so this is asked for every write. Instructors may write in any phase and on
 * locked boards (they lock to stop participants, not themselves).
 */
export function writeDenial(connection: Connection, policy: RoomPolicy): DenyReason | null {
  if (connection.access === 'read') return DenyReason.readOnly;
  if (policy.archived) return DenyReason.archived;
  if (connection.claims.role !== 'participant') return null;
  if (policy.locked) return DenyReason.locked;
  if (policy.phaseReadOnly) return DenyReason.phaseReadOnly;
  return null;
}
