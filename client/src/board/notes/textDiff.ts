/**
 * Pure text helpers for the note editor binding: the minimal edit between two strings and the
 * mapping of a caret position through a Yjs text delta.
 */
export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * The smallest single edit turning `before` into `after`. `caret` (the selection end after
 * the edit) breaks ties in repeated text: typing "a" at the start of "aa" is an insert at 0,
 * not at 2, which matters when teammates type nearby at the same moment.
 */
export function minimalEdit(before: string, after: string, caret = after.length): TextEdit {
  const maxSuffix = Math.min(before.length, after.length, Math.max(0, after.length - caret));
  let suffix = 0;
  while (
    suffix < maxSuffix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const maxPrefix = Math.min(before.length, after.length) - suffix;
  let prefix = 0;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix += 1;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** The shape of Y.YTextEvent.delta. */
export type TextDelta = readonly { insert?: unknown; delete?: number; retain?: number }[];

/**
 * Where `index` (an offset in the text before the change) is after the change. An insertion
 * exactly at `index` pushes it along only when `stickToEnd` (a local composition lands after
 * text a teammate inserted at the same spot; a caret stays before it).
 */
export function mapIndex(index: number, delta: TextDelta, stickToEnd = false): number {
  let cursor = 0;
  let mapped = index;
  for (const op of delta) {
    if (cursor > index) break;
    if (op.retain !== undefined) {
      cursor += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (cursor < index || stickToEnd) mapped += length;
    } else if (op.delete !== undefined) {
      if (index > cursor) mapped -= Math.min(op.delete, index - cursor);
      cursor += op.delete;
    }
  }
  return mapped;
}
