import type { NoteEdit } from '@isms/shared';

/**
 * The single edit that turns `before` into `after` (common prefix and suffix kept), so a
 * textarea change becomes a minimal editNote command instead of replacing the whole note and
 * clobbering what a participant types at the same time elsewhere in it.
 */
export function noteDiff(placementId: string, before: string, after: string): NoteEdit | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return {
    placementId,
    index: start,
    deleteCount: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}
