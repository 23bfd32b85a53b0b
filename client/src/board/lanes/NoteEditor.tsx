import { useEffect, useEffectEvent, useRef } from 'react';
import { MAX_NOTE_LENGTH, noteText } from '@isms/shared';
import { useT } from '../../i18n';
import { useLocked, useRuntime } from '../context';
import { NoteBinding } from '../notes/noteBinding';
import type { TextEdit } from '../notes/textDiff';
import { reportResult } from '../notices';

/** Tallest auto-sized note, px, before it scrolls: about 12 lines at line-height 1.7. */
const MAX_AUTO_HEIGHT = 300;

function autosize(textarea: HTMLTextAreaElement) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight + 2, MAX_AUTO_HEIGHT)}px`;
}

/**
 * The implementation note (実施内容) of a placed card: an uncontrolled <textarea> bound to the
 * note's Y.Text by NoteBinding (React never rewrites its value, which would break IME input).
 */
export function NoteEditor({
  placementId,
  label,
  editorColor,
}: {
  placementId: string;
  label: string;
  /** Border colour while a teammate types here. */
  editorColor: string | null;
}) {
  const runtime = useRuntime();
  const locked = useLocked();
  const t = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  // Reports in the current language and label without rebinding the textarea when they change.
  const applyEdit = useEffectEvent((edit: TextEdit) =>
    reportResult(runtime.actions.editNote({ placementId, ...edit }), t, {
      control: label,
      limit: MAX_NOTE_LENGTH,
    }),
  );

  useEffect(() => {
    const textarea = ref.current;
    const text = noteText(runtime.doc, placementId);
    if (!textarea || !text) return;
    const binding = new NoteBinding({
      textarea,
      text,
      apply: (edit) => applyEdit(edit),
      onValueChange: () => autosize(textarea),
    });
    return () => binding.destroy();
  }, [runtime, placementId]);

  return (
    <textarea
      ref={ref}
      className="note"
      aria-label={`${t('card.note')}：${label}`}
      placeholder={t('card.notePlaceholder')}
      readOnly={locked}
      rows={2}
      style={
        editorColor
          ? { borderColor: editorColor, boxShadow: `0 0 0 1px ${editorColor}` }
          : undefined
      }
      onFocus={() => {
        runtime.presence.setEditing(placementId);
        // Typing in another note is a new undo step, however quickly it follows.
        runtime.actions.undoManager.stopCapturing();
      }}
      onBlur={() => runtime.presence.setEditing(null)}
      onKeyDown={(event) => {
        // The board's undo (own changes only) replaces the textarea's native undo, which
        // knows nothing about teammates' edits.
        const key = event.key.toLowerCase();
        if (!(event.ctrlKey || event.metaKey) || (key !== 'z' && key !== 'y')) return;
        event.preventDefault();
        if (key === 'y' || event.shiftKey) runtime.actions.redo();
        else runtime.actions.undo();
      }}
    />
  );
}
