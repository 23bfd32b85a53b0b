import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { type FeedbackAnchor, type Scenario, addFeedback } from '@isms/shared';
import { useIT } from './i18n';

/** Signature of instructor feedback on a participant's board. */
export const INSTRUCTOR_AUTHOR = '講師';

export function FeedbackForm(props: {
  doc: Y.Doc;
  scenario: Scenario;
  anchor: FeedbackAnchor;
  label: string;
}) {
  const t = useIT();
  const [text, setText] = useState('');
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
    } else setError(result.message);
  };
  return (
    <form className="feedback-form" onSubmit={submit}>
      <input
        className="input"
        value={text}
        placeholder={t('fb.placeholder')}
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
