import type * as Y from 'yjs';
import { type TextDelta, type TextEdit, mapIndex, minimalEdit } from './textDiff';

export interface NoteBindingOptions {
  textarea: HTMLTextAreaElement;
  text: Y.Text;
  /** Runs the editNote command; false when it was refused (locked board, too long). */
  apply: (edit: TextEdit) => boolean;
  /** Called after the textarea's value changed (auto-size). */
  onValueChange?: () => void;
}

/**
 * Binds a plain <textarea> to a note's Y.Text.
 * - Local typing becomes minimal editNote commands (one per input event).
 * - Remote edits rewrite the textarea and map the caret/selection through the change, so a
 *   member's caret stays where it was while teammates type elsewhere.
 * - IME: while a composition is open nothing touches the textarea (rewriting it would cancel
 *   or duplicate the composition) and nothing is sent (half-composed text is not committed
 *   text). Remote changes are queued; at compositionend the local edit is rebased over them.
 */
export class NoteBinding {
  private readonly textarea: HTMLTextAreaElement;
  private readonly text: Y.Text;
  private readonly options: NoteBindingOptions;
  /** The text both sides agreed on last: the textarea minus any open composition. */
  private synced: string;
  private composing = false;
  private queued: TextDelta[] = [];
  private applyingLocal = false;

  constructor(options: NoteBindingOptions) {
    this.options = options;
    this.textarea = options.textarea;
    this.text = options.text;
    this.synced = this.text.toString();
    this.textarea.value = this.synced;
    this.textarea.addEventListener('input', this.onInput);
    this.textarea.addEventListener('compositionstart', this.onCompositionStart);
    this.textarea.addEventListener('compositionend', this.onCompositionEnd);
    this.text.observe(this.onRemote);
    options.onValueChange?.();
  }

  get isComposing(): boolean {
    return this.composing;
  }

  private readonly onInput = (event: Event) => {
    if (this.composing || (event as InputEvent).isComposing) return;
    this.flushLocal();
  };

  private readonly onCompositionStart = () => {
    this.flushLocal();
    this.composing = true;
  };

  private readonly onCompositionEnd = () => {
    this.composing = false;
    const queued = this.queued;
    this.queued = [];
    if (queued.length === 0) {
      this.flushLocal();
      return;
    }
    const edit = minimalEdit(this.synced, this.textarea.value, this.textarea.selectionEnd);
    // Rebase: the edit was made against `synced`; the queued deltas moved the text since.
    let start = edit.index;
    let end = edit.index + edit.deleteCount;
    for (const delta of queued) {
      start = mapIndex(start, delta, true);
      end = Math.max(start, mapIndex(end, delta, false));
    }
    const rebased = { index: start, deleteCount: end - start, insert: edit.insert };
    const accepted = this.send(rebased);
    const caret = accepted ? start + edit.insert.length : start;
    this.render(this.text.toString(), caret, caret);
  };

  /** Sends what the user typed since the last sync; reverts the textarea if refused. */
  private flushLocal() {
    const value = this.textarea.value;
    if (value === this.synced) return;
    const edit = minimalEdit(this.synced, value, this.textarea.selectionEnd);
    if (this.send(edit)) {
      this.synced = this.text.toString();
      if (this.synced !== value) this.render(this.synced, edit.index, edit.index);
    } else {
      this.render(this.text.toString(), edit.index, edit.index);
    }
  }

  private send(edit: TextEdit): boolean {
    this.applyingLocal = true;
    try {
      return this.options.apply(edit);
    } finally {
      this.applyingLocal = false;
    }
  }

  private readonly onRemote = (event: Y.YTextEvent) => {
    if (this.applyingLocal) return;
    const delta = event.delta as TextDelta;
    if (this.composing) {
      this.queued.push(delta);
      return;
    }
    const { selectionStart, selectionEnd } = this.textarea;
    this.render(
      this.text.toString(),
      mapIndex(selectionStart, delta),
      mapIndex(selectionEnd, delta),
    );
  };

  private render(value: string, selectionStart: number, selectionEnd: number) {
    this.synced = value;
    if (this.textarea.value !== value) {
      const focused = this.textarea.ownerDocument.activeElement === this.textarea;
      const direction = this.textarea.selectionDirection ?? 'none';
      this.textarea.value = value;
      if (focused) this.textarea.setSelectionRange(selectionStart, selectionEnd, direction);
      this.options.onValueChange?.();
    }
  }

  destroy(): void {
    this.textarea.removeEventListener('input', this.onInput);
    this.textarea.removeEventListener('compositionstart', this.onCompositionStart);
    this.textarea.removeEventListener('compositionend', this.onCompositionEnd);
    this.text.unobserve(this.onRemote);
  }
}
