import { useState } from 'react';
import { api, takeHomeUrl } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useBoard, useRuntime } from '../context';

const KINDS = ['security-standard', 'soa'] as const;
const FORMATS = ['xlsx', 'csv', 'md'] as const;

/**
 * The group's part in running the room: the ready check (「完了」, reversible) and, once the
 * instructor allows it, downloads of the group's own documents. Both states come from the
 * board's meta, which the server mirrors from its registry.
 */
export function RoomBar() {
  const runtime = useRuntime();
  const { session } = runtime;
  const t = useT();
  const lang = useLocale();
  const done = useBoard((view) => view.meta.done);
  const takeHome = useBoard((view) => view.meta.takeHome);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const toggle = () => {
    setBusy(true);
    setFailed(false);
    api
      .done(session.token, session.workshopId, session.groupId, !done)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <section className={`room-bar${done ? ' room-bar--done' : ''}`} aria-label={t('room.doneHint')}>
      <div className="room-bar__ready">
        {done && (
          <strong className="room-bar__state" role="status">
            ✓ {t('room.isDone')}
          </strong>
        )}
        <button
          type="button"
          className={`button button--small ${done ? 'button--ghost' : 'button--primary'}`}
          aria-pressed={done}
          disabled={busy}
          onClick={toggle}
          data-testid="done-toggle"
        >
          {done ? t('room.undone') : `✓ ${t('room.done')}`}
        </button>
        {failed && <span className="room-bar__error">{t('room.failed')}</span>}
      </div>
      {takeHome && (
        <details className="room-bar__take-home" data-testid="take-home">
          <summary>{t('room.takeHome')}</summary>
          <p className="muted">{t('room.takeHomeHint')}</p>
          <ul>
            {KINDS.map((kind) => (
              <li key={kind}>
                <span>{t(`room.kind.${kind}`)}</span>
                {FORMATS.map((format) => (
                  <a
                    key={format}
                    className="button button--small button--ghost"
                    href={takeHomeUrl(session, `${kind}.${format}`, lang)}
                    download
                  >
                    {format.toUpperCase()}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
