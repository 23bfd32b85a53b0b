import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkshopInfo } from '@isms/shared';
import type { ApiFailure } from '../api/client';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { JoinSheet } from './JoinSheet';
import { CreateWorkshopForm } from './CreateWorkshopForm';
import { RestoreBackup } from './RestoreBackup';
import { instructorApi } from './api';
import { organiserKey, storeInstructorToken } from './credentials';
import { type InstructorT, useIT } from './i18n';
import './instructor.css';

type Bucket = 'live' | 'upcoming' | 'archived';

function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function bucketOf(workshop: WorkshopInfo, today: string): Bucket {
  if (workshop.status === 'archived') return 'archived';
  return workshop.date > today ? 'upcoming' : 'live';
}

function WorkshopRow(props: {
  workshop: WorkshopInfo;
  t: InstructorT;
  onJoinSheet: () => void;
  onStatus: (status: WorkshopInfo['status']) => void;
  onDelete: () => void;
}) {
  const { workshop, t } = props;
  return (
    <li className="workshop-row" data-workshop={workshop.id}>
      <div className="workshop-row__main">
        <strong>{workshop.title}</strong>
        <span className="muted">
          {workshop.date} · {t('org.groups', { count: workshop.groups.length })}
        </span>
      </div>
      <div className="workshop-row__actions">
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => navigate(`/instructor/${workshop.id}`)}
        >
          {t('org.open')}
        </button>
        <button type="button" className="button button--small" onClick={props.onJoinSheet}>
          {t('org.joinSheet')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => props.onStatus(workshop.status === 'archived' ? 'active' : 'archived')}
        >
          {workshop.status === 'archived' ? t('org.unarchive') : t('org.archive')}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={props.onDelete}
        >
          {t('org.delete')}
        </button>
      </div>
    </li>
  );
}

/** /organiser: create workshops, list them by upcoming / live / archived, open one. */
export default function OrganiserPage() {
  const t = useIT();
  const key = useMemo(() => organiserKey(), []);
  const [workshops, setWorkshops] = useState<WorkshopInfo[]>([]);
  const [sheet, setSheet] = useState<{ workshop: WorkshopInfo; token: string } | null>(null);
  const [error, setError] = useState<string | null>(key ? null : t('org.keyMissing'));
  const reload = useCallback(() => {
    if (!key) return;
    api
      .listWorkshops(key)
      .then(({ workshops: list }) => setWorkshops(list))
      .catch((failure: ApiFailure) =>
        setError(failure.status === 401 ? t('org.keyInvalid') : failure.message),
      );
  }, [key, t]);
  useEffect(reload, [reload]);
  if (!key)
    return (
      <main className="page org-page">
        <p className="alert alert--error">{error}</p>
      </main>
    );

  const guarded = (action: () => Promise<unknown>) =>
    action()
      .then(reload)
      .catch((failure: Error) => setError(failure.message));
  const openSheet = (workshop: WorkshopInfo) =>
    guarded(async () => {
      const { token } = await api.instructorToken(key, workshop.id);
      storeInstructorToken(workshop.id, token);
      setSheet({ workshop: await api.workshop(token, workshop.id), token });
    });
  const setStatus = (workshop: WorkshopInfo, status: WorkshopInfo['status']) =>
    guarded(async () => {
      const { token } = await api.instructorToken(key, workshop.id);
      await instructorApi.setStatus(token, workshop.id, status);
    });
  const remove = (workshop: WorkshopInfo) => {
    if (!window.confirm(t('org.deleteConfirm', { title: workshop.title }))) return;
    void guarded(() => instructorApi.remove(key, workshop.id));
  };
  const today = localToday();
  const buckets: Bucket[] = ['live', 'upcoming', 'archived'];
  return (
    <main className="page org-page">
      <header className="org-page__head no-print">
        <h1>{t('org.title')}</h1>
        <LanguageSwitch />
      </header>
      {error && <p className="alert alert--error no-print">{error}</p>}
      {sheet ? (
        <>
          <button type="button" className="button no-print" onClick={() => setSheet(null)}>
            ← {t('org.title')}
          </button>
          <JoinSheet workshop={sheet.workshop} token={sheet.token} />
        </>
      ) : (
        <div className="org-page__body">
          <CreateWorkshopForm
            organiserKey={key}
            onCreated={(created) => {
              storeInstructorToken(created.workshop.id, created.instructorToken);
              setSheet({ workshop: created.workshop, token: created.instructorToken });
              reload();
            }}
          />
          <div className="org-page__lists">
            <RestoreBackup
              organiserKey={key}
              onRestored={(restored) => {
                storeInstructorToken(restored.workshop.id, restored.instructorToken);
                reload();
              }}
            />
            {buckets.map((bucket) => {
              const list = workshops.filter((w) => bucketOf(w, today) === bucket);
              return (
                <section key={bucket} className="workshop-list" data-bucket={bucket}>
                  <h2>{t(`org.list.${bucket}`)}</h2>
                  {list.length === 0 ? (
                    <p className="muted">{t('org.list.empty')}</p>
                  ) : (
                    <ul>
                      {list.map((workshop) => (
                        <WorkshopRow
                          key={workshop.id}
                          workshop={workshop}
                          t={t}
                          onJoinSheet={() => void openSheet(workshop)}
                          onStatus={(status) => void setStatus(workshop, status)}
                          onDelete={() => remove(workshop)}
                        />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </div>
      )}
    </main>
  );
}
