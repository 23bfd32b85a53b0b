import { useT } from '../../i18n';
import { useSelector } from '../../store/useSelector';
import { useRuntime } from '../context';

/** Always-visible connection state: online / connecting / offline with N unsynced changes. */
export function StatusPill() {
  const connection = useRuntime().connection;
  const status = useSelector(connection, (state) => state.status);
  const unsynced = useSelector(connection, (state) => state.unsynced);
  const t = useT();
  const label = t(`status.${status}`);
  return (
    <span className={`status status--${status}`} role="status" data-status={status}>
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
