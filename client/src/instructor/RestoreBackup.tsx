import { type ChangeEvent, useState } from 'react';
import type { CreateWorkshopResponse } from '@isms/shared';
import { instructorApi } from './api';
import { useIT } from './i18n';

/** Restores a JSON backup (the exports' "JSON backup") into a new workshop. */
export function RestoreBackup(props: {
  organiserKey: string;
  onRestored: (response: CreateWorkshopResponse) => void;
}) {
  const t = useIT();
  const [error, setError] = useState<string | null>(null);
  const restore = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const backup: unknown = JSON.parse(await file.text());
      props.onRestored(await instructorApi.restore(props.organiserKey, backup));
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <div className="restore">
      <label className="button button--small">
        {t('org.restore')}
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(event) => void restore(event)}
        />
      </label>
      {error && <p className="alert alert--error">{t('common.error', { message: error })}</p>}
    </div>
  );
}
