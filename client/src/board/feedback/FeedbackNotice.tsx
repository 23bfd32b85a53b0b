import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useBoard } from '../context';
import { Icon } from '../../common/Icon';

const seenKey = (docName: string) => `isms.feedbackSeen.${docName}`;

function readSeen(docName: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(seenKey(docName)) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * A calm, dismissible notice when the instructor adds feedback this device has not shown yet;
 * "show" scrolls to where it is anchored. Seen ids are remembered per board on this device.
 */
export function FeedbackNotice({ docName }: { docName: string }) {
  const t = useT();
  const openIds = useBoard((view) => view.openFeedbackIds);
  const [fresh, setFresh] = useState<string | null>(null);
  const [checked, setChecked] = useState<readonly string[] | null>(null);

  // New feedback ids show the notice (React's "adjust state when a prop changes", in render);
  // the effect below then remembers them as seen on this device.
  if (checked !== openIds) {
    setChecked(openIds);
    const seen = readSeen(docName);
    const unseen = openIds.filter((id) => !seen.has(id));
    if (unseen.length > 0) setFresh(unseen[unseen.length - 1] ?? null);
  }

  useEffect(() => {
    const seen = readSeen(docName);
    const unseen = openIds.filter((id) => !seen.has(id));
    if (unseen.length === 0) return;
    try {
      localStorage.setItem(seenKey(docName), JSON.stringify([...seen, ...unseen]));
    } catch {
      // Without storage the notice may show again after a reload; harmless.
    }
  }, [openIds, docName]);

  if (!fresh) return null;
  return (
    <div className="feedback-notice" role="status">
      <span className="feedback-notice__icon">
        <Icon name="mail" />
      </span>
      <span>{t('feedback.new')}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          document
            .getElementById(`feedback-${fresh}`)
            ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
          setFresh(null);
        }}
      >
        {t('feedback.show')}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={t('feedback.dismiss')}
        onClick={() => setFresh(null)}
      >
        ×
      </button>
    </div>
  );
}
