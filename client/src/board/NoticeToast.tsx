import { useEffect } from 'react';
import { useT } from '../i18n';
import { useAnnouncement } from './announcer';
import { dismissNotice, useNotice } from './notices';

/** How long a notice stays, ms: long enough to read two lines of Japanese. */
const NOTICE_MS = 5000;

/** The bottom toast for action results, and the board's live region for screen readers. */
export function NoticeToast() {
  const notice = useNotice();
  const announcement = useAnnouncement();
  const t = useT();
  useEffect(() => {
    if (!notice) return;
    const timeout = window.setTimeout(() => dismissNotice(notice.id), NOTICE_MS);
    return () => window.clearTimeout(timeout);
  }, [notice]);
  return (
    <>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {notice && (
        <div className={`toast toast--${notice.kind}`}>
          <span>{notice.text}</span>
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={t('feedback.dismiss')}
            onClick={() => dismissNotice(notice.id)}
          >
            ×
          </button>
        </div>
      )}
    </>
  );
}
