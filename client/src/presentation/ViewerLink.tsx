import { useState } from 'react';
import { instructorApi } from '../instructor/api';
import { useIT } from '../instructor/i18n';

/** Mints a viewer token and shows the read-only link for the projector laptop. */
export function ViewerLink({ token, workshopId }: { token: string; workshopId: string }) {
  const t = useIT();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = () =>
    instructorApi
      .viewerToken(token, workshopId)
      .then(({ token: viewer }) => {
        const url = `${window.location.origin}/present/${workshopId}?viewer=${encodeURIComponent(viewer)}`;
        setLink(url);
        void navigator.clipboard?.writeText(url).catch(() => undefined);
      })
      .catch((failure: Error) => setError(failure.message));
  if (link) {
    return (
      <input
        className="input present__link"
        readOnly
        value={link}
        aria-label={t('present.viewerLink')}
        data-testid="viewer-link"
        onFocus={(e) => e.target.select()}
      />
    );
  }
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => void create()}
      title={error ?? undefined}
    >
      {t('present.viewerLink')}
    </button>
  );
}
