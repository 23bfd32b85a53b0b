import { useT } from '../../i18n';
import { useSelector } from '../../store/useSelector';
import { useRuntime } from '../context';

/**
 * Always-visible connection state: online / connecting / offline with N unsynced changes, or
 * "saving paused" while the server cannot reach its database (the banner below says more).
 */
export function StatusPill() {
  const connection = useRuntime().connection;
  const status = useSelector(connection, (state) => state.status);
  const unsynced = useSelector(connection, (state) => state.unsynced);
  const savingPaused = useSelector(connection, (state) => state.savingPaused);
  const t = useT();
  // Offline says more than "paused": the device itself is cut off.
  const shown = savingPaused && status !== 'offline' ? 'paused' : status;
  const label = t(`status.${shown}`);
  return (
    <span className={`status status--${shown}`} role="status" data-status={shown}>
      <span className="status__dot" aria-hidden="true" />
      <span className="status__label">{label}</span>
      {unsynced > 0 && (
        <span className="status__unsynced" data-unsynced={unsynced}>
          {t('status.unsynced', { count: unsynced })}
        </span>
      )}
    </span>
  );
}
