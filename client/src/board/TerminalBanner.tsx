import { useT } from '../i18n';
import { forgetSession } from '../join/session';
import { useSelector } from '../store/useSelector';
import { useRuntime } from './context';

/** Shown when the server ended the session for good (revoked, expired, deleted). */
export function TerminalBanner() {
  const runtime = useRuntime();
  const terminal = useSelector(runtime.connection, (state) => state.terminal);
  const code = useSelector(runtime.connection, (state) => state.terminalCode);
  const t = useT();
  if (!terminal) return null;
  return (
    <div className="banner banner--error" role="alert">
      <span title={String(code ?? '')}>{t(`status.terminal.${terminal}`)}</span>
      {terminal !== 'deleted' && (
        <a
          className="button button--small"
          href="/"
          onClick={() => forgetSession(runtime.session.workshopId)}
        >
          {t('status.rejoin')}
        </a>
      )}
    </div>
  );
}
