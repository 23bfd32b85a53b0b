import type * as Y from 'yjs';
import type { BoardContext } from '../context';
import { LocalOrigin } from '../origins';
import { noteText } from '../read';
import { type CommandResult, fail, ok } from '../result';
import { lockGuard } from './guard';

/**
 * Longest implementation note, characters. ~20× a typical 300-character note. One constant for
 * the editor, this command and the server (writeRules.ts: per writer, and in total
 * NOTE_CONCURRENT_WRITERS times this).
 */
export const MAX_NOTE_LENGTH = 5000;

export interface NoteEdit {
  placementId: string;
  /** UTF-16 offset where the edit starts. */
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * Applies one text edit to a placement's note (the editor binding turns input events into
 * these). Offsets are clamped so a stale edit from a slow UI never throws.
 */
export function editNote(doc: Y.Doc, ctx: BoardContext, edit: NoteEdit): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  const text = noteText(doc, edit.placementId);
  if (!text) return fail('not-found', 'the card no longer exists');
  if (edit.index < 0 || edit.deleteCount < 0) return fail('invalid-input', 'negative offset');
  const length = text.length;
  const index = Math.min(edit.index, length);
  const deleteCount = Math.min(edit.deleteCount, length - index);
  // A pure deletion is always allowed: concurrent typists can together leave a note over the
  // limit, and it must still be possible to shorten it.
  if (edit.insert.length > 0 && length - deleteCount + edit.insert.length > MAX_NOTE_LENGTH) {
    return fail('invalid-input', `a note holds at most ${MAX_NOTE_LENGTH} characters`);
  }
  applyNoteEdit(doc, text, index, deleteCount, edit.insert);
  return ok();
}

function applyNoteEdit(
  doc: Y.Doc,
  text: Y.Text,
  index: number,
  deleteCount: number,
  insert: string,
) {
  doc.transact(() => {
    if (deleteCount > 0) text.delete(index, deleteCount);
    if (insert.length > 0) text.insert(index, insert);
  }, new LocalOrigin('edit-note'));
}

/** Replaces a whole note (used for imports and tests; editors should send minimal edits). */
export function setNote(
  doc: Y.Doc,
  ctx: BoardContext,
  placementId: string,
  value: string,
): CommandResult {
  const text = noteText(doc, placementId);
  if (!text) return fail('not-found', 'the card no longer exists');
  return editNote(doc, ctx, { placementId, index: 0, deleteCount: text.length, insert: value });
}
