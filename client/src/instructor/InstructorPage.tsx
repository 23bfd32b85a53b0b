import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { Scenario, WorkshopInfo } from '@isms/shared';
import { api } from '../api/client';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { ExportsMenu } from './ExportsMenu';
import { GroupBoard } from './GroupBoard';
import { JoinSheet } from './JoinSheet';
import { MergedView } from './MergedView';
import { Overview } from './Overview';
import { TimerPanel } from './TimerPanel';
import { useIT } from './i18n';
import type { InstructorPresence } from './live/presence';
import type { WorkshopConnection, WorkshopSnapshot } from './live/workshopConnection';
import { useWorkshopAccess, useWorkshopConnection, useWorkshopSnapshot } from './live/useWorkshop';
import './instructor.css';

type Tab = 'overview' | 'merged' | 'group' | 'join' | 'exports';
const TABS: Tab[] = ['overview', 'merged', 'group', 'join', 'exports'];
const TAB_LABEL = {
  overview: 'ins.tab.overview',
  merged: 'ins.tab.merged',
  group: 'ins.tab.group',
  join: 'ins.tab.joinSheet',
  exports: 'ins.tab.exports',
} as const;

const ParticipantView = lazy(() => import('./ParticipantView'));

const PRESENCE: InstructorPresence = {
  user: { name: '講師', role: 'instructor', color: '#c9822b' },
};

function Console(props: {
  info: WorkshopInfo;
  token: string;
  connection: WorkshopConnection;
  snapshot: WorkshopSnapshot;
  scenario: Scenario;
}) {
  const t = useIT();
  const [info, setInfo] = useState(props.info);
  const [tab, setTab] = useState<Tab>('overview');
  const [groupId, setGroupId] = useState<string | null>(info.groups[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [asParticipant, setAsParticipant] = useState(false);
  const { snapshot, connection, scenario, token } = props;
  const lock = useCallback(
    (target: string | null, locked: boolean) => {
      api
        .lock(token, info.id, { groupId: target, locked })
        .then(setInfo)
        .catch((failure: Error) => setError(failure.message));
    },
    [token, info.id],
  );
  const movePhase = useCallback(
    (phaseIndex: number) => {
      api
        .phase(token, info.id, phaseIndex)
        .then(setInfo)
        .catch((failure: Error) => setError(failure.message));
    },
    [token, info.id],
  );
  const toggleTakeHome = () => {
    api
      .settings(token, info.id, !info.takeHome)
      .then(setInfo)
      .catch((failure: Error) => setError(failure.message));
  };
  const open = useCallback((id: string) => {
    setGroupId(id);
    setTab('group');
  }, []);
  // The server mirrors its lock into every board's meta: the live source, also for other tabs.
  const allLocked = snapshot.groups.length > 0 && snapshot.groups.every((g) => g.board.meta.locked);
  const group = snapshot.groups.find((g) => g.groupId === groupId);
  const doc = groupId ? connection.boardDoc(groupId) : undefined;
  return (
    <main className="console">
      <header className="console__head">
        <div className="console__title">
          <h1>{info.title}</h1>
          <span className="muted">{info.date}</span>
        </div>
        <TimerPanel
          doc={connection.workshopDoc}
          scenario={scenario}
          timer={snapshot.workshop.timer}
          onPhase={movePhase}
        />
        <div className="console__actions">
          <button
            type="button"
            className={`button button--small ${allLocked ? 'button--warning' : ''}`}
            onClick={() => lock(null, !allLocked)}
          >
            {allLocked ? t('ins.unlockAll') : t('ins.lockAll')}
          </button>
          <label className="console__take-home">
            <input
              type="checkbox"
              checked={info.takeHome}
              onChange={toggleTakeHome}
              data-testid="take-home-toggle"
            />{' '}
            {t('ins.takeHome')}
          </label>
          <a
            className="button button--small"
            href={`/present/${info.id}`}
            target="_blank"
            rel="noreferrer"
          >
            {t('ins.present')}
          </a>
          <LanguageSwitch />
        </div>
      </header>
      {/* Only the tabs are in the tablist (ARIA: a tablist owns tabs and nothing else); the
          group switch and the view toggle of the group tab sit beside it. */}
      <nav className="console__tabs" aria-label={t('ins.title')}>
        <div className="console__tablist" role="tablist">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className="console__tab"
              onClick={() => setTab(id)}
            >
              {t(TAB_LABEL[id])}
            </button>
          ))}
        </div>
        {tab === 'group' && (
          <div className="console__groups" role="group" aria-label={t('ins.tab.group')}>
            {snapshot.groups.map((g) => (
              <button
                key={g.groupId}
                type="button"
                aria-pressed={g.groupId === groupId}
                className={`ins-chip ins-chip--button${g.groupId === groupId ? ' ins-chip--active' : ''}`}
                onClick={() => setGroupId(g.groupId)}
              >
                {g.groupName}
              </button>
            ))}
          </div>
        )}
        {tab === 'group' && (
          <label className="console__toggle">
            <input
              type="checkbox"
              checked={asParticipant}
              onChange={(event) => setAsParticipant(event.target.checked)}
            />{' '}
            {t('ins.asParticipant')}
          </label>
        )}
      </nav>
      {error && <p className="alert alert--error">{t('common.error', { message: error })}</p>}
      <section className="console__body" role="tabpanel">
        {tab === 'overview' && (
          <Overview snapshot={snapshot} scenario={scenario} onOpen={open} onLock={lock} />
        )}
        {tab === 'merged' && <MergedView groups={snapshot.groups} scenario={scenario} />}
        {tab === 'group' && group && doc && !asParticipant && (
          <GroupBoard
            group={group}
            doc={doc}
            scenario={scenario}
            workshopId={info.id}
            token={token}
          />
        )}
        {tab === 'group' && group && asParticipant && (
          <Suspense fallback={<div className="loading">{t('ins.connecting')}</div>}>
            <ParticipantView
              key={group.groupId}
              workshopId={info.id}
              workshopTitle={info.title}
              groupId={group.groupId}
              groupName={group.groupName}
              token={token}
              scenario={scenario}
            />
          </Suspense>
        )}
        {tab === 'join' && <JoinSheet workshop={info} token={token} />}
        {tab === 'exports' && <ExportsMenu workshop={info} token={token} />}
      </section>
    </main>
  );
}

/** /instructor/:workshopId — the instructor console. */
export default function InstructorPage({ workshopId = '' }: { workshopId?: string }) {
  const t = useIT();
  const access = useWorkshopAccess(workshopId);
  const connection = useWorkshopConnection(access, PRESENCE);
  const snapshot = useWorkshopSnapshot(connection);
  useEffect(() => {
    document.title = `${t('ins.title')} — ISMS`;
  }, [t]);
  if (access.state === 'denied') {
    return (
      <main className="page page--narrow">
        <p className="alert alert--error">{t('ins.noToken')}</p>
        <p className="muted">{access.message}</p>
      </main>
    );
  }
  if (access.state === 'loading' || !connection)
    return <div className="loading">{t('ins.connecting')}</div>;
  return (
    <Console
      info={access.info}
      token={access.token}
      connection={connection}
      snapshot={snapshot}
      scenario={access.scenario}
    />
  );
}
