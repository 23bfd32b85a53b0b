import { useT } from '../i18n';
import { useSelector } from '../store/useSelector';
import { useRuntime } from './context';

/** Says, while the server cannot save, that nothing is lost and nothing needs doing. */
export function SavingPausedBanner() {
  const connection = useRuntime().connection;
  const paused = useSelector(
    connection,
    (state) => state.savingPaused && state.status !== 'offline' && !state.terminal,
  );
  const t = useT();
  if (!paused) return null;
  return (
    <p className="banner banner--paused" role="status" data-testid="saving-paused">
      <strong>{t('status.paused')}</strong>
      <span>{t('status.pausedDetail')}</span>
    </p>
  );
}
