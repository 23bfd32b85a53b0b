import { diffChars } from 'diff';

/**
 * A note's text then and now as runs of unchanged, added and removed characters (character
 * level: Japanese has no word spaces, so a word diff would mark whole sentences).
 */
export interface TextPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export function diffText(before: string, after: string): TextPart[] {
  return diffChars(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** One edit of a Y.Text: delete `deleteCount` characters at `index`, then insert `insert`. */
export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * The edits that turn `current` into `target`, touching only the characters that differ, in
 * an order that keeps every index valid when applied one after the other. Unchanged runs stay
 * the same Yjs items, so a teammate typing inside them at the same moment keeps their text.
 */
export function textEdits(current: string, target: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let index = 0;
  for (const change of diffChars(current, target)) {
    if (change.removed) {
      edits.push({ index, deleteCount: change.value.length, insert: '' });
    } else if (change.added) {
      edits.push({ index, deleteCount: 0, insert: change.value });
      index += change.value.length;
    } else {
      index += change.value.length;
    }
  }
  return edits;
}
