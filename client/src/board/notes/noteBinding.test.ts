// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RemoteOrigin } from '@isms/shared';
import { NoteBinding } from './noteBinding';
import type { TextEdit } from './textDiff';

const bindings: NoteBinding[] = [];
afterEach(() => bindings.splice(0).forEach((binding) => binding.destroy()));

/** A local replica bound to a textarea, and a teammate's replica wired to it. */
function setup(initial: string) {
  const local = new Y.Doc();
  const text = local.getText('note');
  text.insert(0, initial);
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (!(origin instanceof RemoteOrigin)) Y.applyUpdate(remote, update, new RemoteOrigin());
  });
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (!(origin instanceof RemoteOrigin)) Y.applyUpdate(local, update, new RemoteOrigin());
  });
  const textarea = document.createElement('textarea');
  document.body.append(textarea);
  const sent: TextEdit[] = [];
  const apply = (edit: TextEdit) => {
    sent.push(edit);
    local.transact(() => {
      if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
      if (edit.insert) text.insert(edit.index, edit.insert);
    });
    return true;
  };
  bindings.push(new NoteBinding({ textarea, text, apply }));
  textarea.focus();
  return { textarea, text, remoteText: remote.getText('note'), sent };
}

/** What a browser does when the user types `value` with the caret ending at `caret`. */
function type(textarea: HTMLTextAreaElement, value: string, caret: number, composing = false) {
  textarea.value = value;
  textarea.setSelectionRange(caret, caret);
  textarea.dispatchEvent(new InputEvent('input', { isComposing: composing }));
}

describe('NoteBinding', () => {
  it('sends typing as minimal edits', () => {
    const { textarea, remoteText, sent } = setup('分類');
    type(textarea, '情報の分類', 3);
    expect(sent).toEqual([{ index: 0, deleteCount: 0, insert: '情報の' }]);
    expect(remoteText.toString()).toBe('情報の分類');
  });

  it('keeps the caret in place when a teammate types before it', () => {
    const { textarea, remoteText } = setup('abcdef');
    textarea.setSelectionRange(4, 5);
    remoteText.insert(0, 'XY');
    expect(textarea.value).toBe('XYabcdef');
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([6, 7]);
    remoteText.insert(8, 'Z');
    expect([textarea.selectionStart, textarea.selectionEnd]).toEqual([6, 7]);
  });

  it('holds remote edits during a composition and rebases the committed text', () => {
    const { textarea, text, remoteText, sent } = setup('資産台帳');
    textarea.setSelectionRange(4, 4);
    textarea.dispatchEvent(new CompositionEvent('compositionstart'));
    type(textarea, '資産台帳をこうし', 8, true);
    remoteText.insert(0, '【B】');
    // The composition is untouched and nothing half-composed was sent.
    expect(textarea.value).toBe('資産台帳をこうし');
    expect(sent).toEqual([]);
    type(textarea, '資産台帳を更新', 7, true);
    textarea.dispatchEvent(new CompositionEvent('compositionend'));
    expect(text.toString()).toBe('【B】資産台帳を更新');
    expect(remoteText.toString()).toBe('【B】資産台帳を更新');
    expect(textarea.value).toBe('【B】資産台帳を更新');
    expect(textarea.selectionStart).toBe(10);
  });

  it('applies a remote edit right away when no composition is open', () => {
    const { textarea, remoteText } = setup('');
    remoteText.insert(0, '手順書');
    expect(textarea.value).toBe('手順書');
  });
});
