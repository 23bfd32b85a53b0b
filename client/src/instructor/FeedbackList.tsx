import type * as Y from 'yjs';
import { type FeedbackRecord, resolveFeedback } from '@isms/shared';
import { useIT } from './i18n';

/** Feedback items with a resolve toggle; good examples wear a star. */
export function FeedbackList({ items, doc }: { items: readonly FeedbackRecord[]; doc: Y.Doc }) {
  const t = useIT();
  if (items.length === 0) return null;
  return (
    <ul className="ins-feedback-list">
      {items.map((item) => (
        <li
          key={item.id}
          className={`ins-feedback${item.resolved ? ' ins-feedback--resolved' : ''}${item.kind === 'good-example' ? ' ins-feedback--good' : ''}`}
          data-feedback={item.id}
        >
          <span className="ins-feedback__text">
            {item.kind === 'good-example' ? `★ ${t('fb.goodExample')}` : ''}
            {item.kind === 'good-example' && item.text ? ' — ' : ''}
            {item.text}
          </span>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => resolveFeedback(doc, { feedbackId: item.id, resolved: !item.resolved })}
          >
            {item.resolved ? t('fb.reopen') : t('fb.resolve')}
          </button>
        </li>
      ))}
    </ul>
  );
}
