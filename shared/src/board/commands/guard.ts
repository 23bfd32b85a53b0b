import type * as Y from 'yjs';
import type { BoardContext } from '../context';
import { isNewerThanSupported } from '../migrations';
import { readMeta } from '../records';
import { type CommandError, fail } from '../result';

/**
 * Refuses every edit to a board a newer server has migrated past this code's schema
 * (docs/board-schema.md): this code would write the old layout into it. Instructors too.
 */
export function schemaGuard(doc: Y.Doc): CommandError | null {
  if (isNewerThanSupported(doc)) {
    return fail('newer-schema', 'the board uses a newer schema than this app; reload to edit');
  }
  return null;
}

/**
 * Rejects participant edits on a locked board or in a read-only agenda phase (the server
 * enforces the same rules), and every edit on a board with a newer schema.
 */
export function lockGuard(doc: Y.Doc, ctx: Pick<BoardContext, 'bypassLock'>): CommandError | null {
  const newer = schemaGuard(doc);
  if (newer) return newer;
  if (ctx.bypassLock) return null;
  const meta = readMeta(doc);
  if (meta.locked) return fail('locked', 'the board is locked by the instructor');
  if (meta.phaseReadOnly) return fail('locked', 'boards are read-only in this phase');
  return null;
}
