import { useScenario } from '../api/scenarios';
import { useOwned } from '../common/useOwned';
import { useT } from '../i18n';
import { loadSession } from '../join/session';
import { BoardScreen } from './BoardScreen';
import { BoardRuntime } from '../store/boardRuntime';

/**
 * /board/:workshopId/:groupId. Opens the board only with this device's token for exactly this
 * group: a member of group 1 who edits the URL to group 2 gets a message, not a connection
 * (and the server would refuse the token anyway).
 */
export default function BoardPage({ workshopId = '', groupId = '' }: Record<string, string>) {
  const t = useT();
  const session = loadSession(workshopId);
  // Built-in scenarios ship with the page; a custom one is fetched once and cached for offline reloads.
  const { scenario, failed } = useScenario(
    workshopId,
    session?.scenarioId ?? null,
    session?.token ?? '',
  );
  const allowed = session && session.groupId === groupId && scenario ? session : null;
  // The session is re-read every render; only a different board or token reconnects.
  const runtime = useOwned(
    allowed && scenario
      ? {
          key: `${allowed.workshopId}/${allowed.groupId}/${allowed.token}`,
          create: () => new BoardRuntime(allowed, scenario),
        }
      : null,
  );

  if (!session) return <BoardMessage text={t('board.notJoined')} />;
  if (session.groupId !== groupId) return <BoardMessage text={t('board.forbidden')} />;
  if (failed) return <BoardMessage text={t('board.unknownScenario')} />;
  if (!allowed) return <div className="loading">{t('app.loading')}</div>;
  if (!runtime) return <div className="loading">{t('app.loading')}</div>;
  return <BoardScreen runtime={runtime} />;
}

function BoardMessage({ text }: { text: string }) {
  const t = useT();
  return (
    <main className="page page--narrow">
      <p className="alert alert--warning" role="alert">
        {text}
      </p>
      <p>
        <a className="button button--primary" href="/">
          {t('status.rejoin')}
        </a>
      </p>
    </main>
  );
}
