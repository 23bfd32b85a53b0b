import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { type FeedbackAnchor, type Scenario, addFeedback } from '@isms/shared';
import { Icon } from '../common/Icon';
import { useIT } from './i18n';

/** Signature of instructor feedback on a participant's board. */
export const INSTRUCTOR_AUTHOR = '講師';

/**
 * Sends a comment anchored to the board, an asset or a card. `collapsed` shows only a small
 * button until the instructor wants to write, so 24 cards do not carry 24 open inputs.
 */
export function FeedbackForm(props: {
  doc: Y.Doc;
  scenario: Scenario;
  anchor: FeedbackAnchor;
  label: string;
  placeholder?: string;
  /** Label of the collapsed button (default "コメント"). */
  buttonLabel?: string;
  /** What the comment is about ("5.12", an asset's name), read before the button's label. */
  subject?: string;
  collapsed?: boolean;
}) {
  const t = useIT();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(!props.collapsed);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = addFeedback(
      props.doc,
      { scenario: props.scenario, bypassLock: true },
      {
        author: INSTRUCTOR_AUTHOR,
        text,
        anchor: props.anchor,
      },
    );
    if (result.ok) {
      setText('');
      setError(null);
      if (props.collapsed) setOpen(false);
    } else setError(result.message);
  };
  if (!open) {
    return (
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => setOpen(true)}
      >
        {/* The subject ("5.12", an asset) precedes the visible words for screen readers, so
            the accessible name contains the visible label (WCAG 2.5.3) and still says what
            the comment is about. */}
        {props.subject && <span className="visually-hidden">{props.subject} </span>}
        <Icon name="plus" /> {props.buttonLabel ?? t('fb.comment')}
      </button>
    );
  }
  return (
    <form className="ins-feedback-form" onSubmit={submit}>
      <input
        className="input"
        value={text}
        placeholder={props.placeholder ?? t('fb.placeholder')}
        autoFocus={props.collapsed}
        aria-label={props.label}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
      />
      <button type="submit" className="button button--small" disabled={!text.trim()}>
        {t('fb.send')}
      </button>
      {error && <span className="alert alert--error">{error}</span>}
    </form>
  );
}
