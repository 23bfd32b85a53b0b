import type { FeedbackRecord } from '@isms/shared';
import { useT } from '../../i18n';

/** Instructor feedback where it is anchored (board, asset or card); resolved items hidden. */
export function FeedbackList({ feedback }: { feedback: readonly FeedbackRecord[] }) {
  const t = useT();
  const open = feedback.filter((item) => !item.resolved);
  if (open.length === 0) return null;
  return (
    <ul className="feedback" aria-label={t('feedback.heading')}>
      {open.map((item) => (
        <li key={item.id} id={`feedback-${item.id}`} className="feedback__item">
          <span className="feedback__badge">
            {item.kind === 'good-example'
              ? `★ ${t('feedback.goodExample')}`
              : t('feedback.heading')}
          </span>
          {item.text && <span className="feedback__text">{item.text}</span>}
          {item.author && <span className="feedback__author">— {item.author}</span>}
        </li>
      ))}
    </ul>
  );
}
