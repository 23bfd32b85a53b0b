import type * as Y from 'yjs';
import type { BoardContext } from '../context';
import { readMeta } from '../records';
import { type CommandError, fail } from '../result';

/** Rejects participant edits on a locked board; the server enforces the same rule. */
export function lockGuard(doc: Y.Doc, ctx: Pick<BoardContext, 'bypassLock'>): CommandError | null {
  if (!ctx.bypassLock && readMeta(doc).locked) {
    return fail('locked', 'the board is locked by the instructor');
  }
  return null;
}
