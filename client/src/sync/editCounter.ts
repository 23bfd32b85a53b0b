import * as Y from 'yjs';
import { LocalOrigin } from '@isms/shared';

/**
 * Counts a member's offline changes as edits a person would count, not as Yjs updates: typing
 * 「個人情報とそれ以外に分類する」 into one note is one edit (the binding sends one transaction
 * per keystroke — 「未送信の変更 13 件」 used to count characters), placing a card is one,
 * and going on to another note is the next one. A transaction continues the current edit when
 * it comes from the same command and changes the same Yjs types and keys as the one before.
 */
export class EditCounter {
  private lastTarget: string | null = null;

  /** Whether this local transaction starts a new edit (true) or continues the last (false). */
  startsEdit(transaction: Y.Transaction): boolean {
    const target = editTarget(transaction);
    if (target === this.lastTarget) return false;
    this.lastTarget = target;
    return true;
  }

  /** The server has everything: the next change is a new edit, whatever it touches. */
  reset(): void {
    this.lastTarget = null;
  }
}

/** "command|type:key,…": what a transaction changed, stable across keystrokes in one note. */
export function editTarget(transaction: Y.Transaction): string {
  const origin = transaction.origin;
  const command =
    origin instanceof LocalOrigin ? origin.command : origin instanceof Y.UndoManager ? 'undo' : '';
  const changed: string[] = [];
  transaction.changed.forEach((keys, type) => {
    const id = typeId(transaction.doc, type);
    for (const key of keys) changed.push(`${id}:${key ?? ''}`);
  });
  return `${command}|${changed.sort().join(',')}`;
}

/** A nested type by the id of the item holding it; a root type by its name. */
function typeId(doc: Y.Doc, type: { _item: Y.Item | null }): string {
  const item = type._item;
  if (item) return `${item.id.client}/${item.id.clock}`;
  for (const [name, root] of doc.share) if ((root as unknown) === type) return name;
  return '?';
}
