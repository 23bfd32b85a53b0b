import { useEffect, useState } from 'react';
import { boardDocName } from '@isms/shared';
import { precache } from '../app/offlineShell';
import { Icon } from '../common/Icon';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useLocale, useT } from '../i18n';
import { useSelector } from '../store/useSelector';
import { RuntimeContext, useBoard, useRuntime } from './context';
import { BoardDnd } from './dnd/BoardDnd';
import { FeedbackList } from './feedback/FeedbackList';
import { FeedbackNotice } from './feedback/FeedbackNotice';
import { PresenceList } from './header/PresenceList';
import { StatusPill } from './header/StatusPill';
import { SavingPausedBanner } from './SavingPausedBanner';
import { TimerBadge } from './header/TimerBadge';
import { UndoButtons } from './header/UndoButtons';
import { LaneList } from './lanes/Lane';
import { NoticeToast } from './NoticeToast';
import { Palette } from './palette/Palette';
import type { BoardRuntime } from '../store/boardRuntime';
import { SoaTab } from './soa/SoaTab';
import { DeniedBanner } from './DeniedBanner';
import { TerminalBanner } from './TerminalBanner';
import { RoomBar } from './room/RoomBar';
import './board.css';
import { useServerClockOffset } from '../api/clockOffset';
import { Phrases } from '../common/phrases/Phrases';

type Tab = 'board' | 'soa';

/** Widest viewport treated as a phone, px (the CSS breakpoint in board.css). */
const PHONE_MAX_WIDTH = 640;

/** The group board: header, banners, tabs (board / SoA), notices. */
const READ_ONLY_MESSAGE = {
  'newer-schema': 'board.newerSchema',
  locked: 'board.locked',
  phase: 'board.phaseReadOnly',
} as const;

export function BoardScreen({
  runtime,
  embedded = false,
}: {
  runtime: BoardRuntime;
  /** Shown inside another page's <main> (the instructor console): no landmark of its own. */
  embedded?: boolean;
}) {
  return (
    <RuntimeContext.Provider value={runtime}>
      <BoardLayout embedded={embedded} />
    </RuntimeContext.Provider>
  );
}

/** Caches the board's own lazily loaded code for offline reloads (see offlineShell.ts). */
function usePrecacheBoard() {
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    void navigator.serviceWorker.ready.then((registration) => precache(registration.active));
  }, []);
}

function BoardLayout({ embedded }: { embedded: boolean }) {
  // One <main> per page (axe landmark-no-duplicate-main): embedded, the lanes are a section.
  const Main = embedded ? 'section' : 'main';
  const runtime = useRuntime();
  const { session, scenario } = runtime;
  const t = useT();
  const locale = useLocale();
  const locked = useBoard((view) => view.locked);
  const readOnlyReason = useBoard((view) => view.readOnlyReason);
  const loaded = useSelector(runtime.connection, (state) => state.loaded);
  const boardFeedback = useBoard((view) => view.boardFeedback);
  const detachedFeedback = useBoard((view) => view.detachedFeedback);
  const [tab, setTab] = useState<Tab>('board');
  const [paletteOpen, setPaletteOpen] = useState(false);
  // On a phone the task text would fill the first screen; it starts folded there.
  const [instructionsOpen] = useState(() => window.innerWidth > PHONE_MAX_WIDTH);
  const clockOffset = useServerClockOffset();
  usePrecacheBoard();

  return (
    <div className={`board${locked ? ' board--locked' : ''}`} data-loaded={loaded}>
      <header className="board__bar">
        <h1 className="board__identity">
          <span className="board__workshop">{session.workshopTitle}</span>{' '}
          <span className="board__group">{session.groupName}</span>
        </h1>
        <TimerBadge clockOffsetMs={clockOffset} />
        <div className="board__tools">
          <PresenceList />
          <StatusPill />
          <UndoButtons />
          <LanguageSwitch />
        </div>
      </header>
      <TerminalBanner />
      <SavingPausedBanner />
      <DeniedBanner />
      {readOnlyReason && (
        <p className="banner banner--locked" role="status">
          <Icon name="lock" /> {t(READ_ONLY_MESSAGE[readOnlyReason])}
        </p>
      )}
      <RoomBar />
      <nav className="tabs" aria-label={t('board.tab.board')}>
        {(['board', 'soa'] as const).map((key) => (
          <button
            key={key}
            type="button"
            className="tabs__tab"
            aria-current={tab === key ? 'page' : undefined}
            onClick={() => setTab(key)}
          >
            {t(`board.tab.${key}`)}
          </button>
        ))}
      </nav>
      {tab === 'board' ? (
        <BoardDnd>
          <div className="board__main">
            <aside className={`board__palette${paletteOpen ? ' board__palette--open' : ''}`}>
              <Palette onClose={paletteOpen ? () => setPaletteOpen(false) : undefined} />
            </aside>
            <Main className="board__lanes" aria-label={t('board.tab.board')}>
              <details className="instructions" open={instructionsOpen}>
                <summary>{t('board.instructions')}</summary>
                <p lang={locale}>
                  <Phrases
                    text={locale === 'ja' ? scenario.instructions_ja : scenario.instructions_en}
                  />
                </p>
              </details>
              <FeedbackList feedback={[...boardFeedback, ...detachedFeedback]} />
              <LaneList />
            </Main>
          </div>
          {!locked && !paletteOpen && (
            <button
              type="button"
              className="button button--primary palette-fab"
              onClick={() => setPaletteOpen(true)}
            >
              ＋ {t('palette.open')}
            </button>
          )}
        </BoardDnd>
      ) : (
        <Main className="board__soa" aria-label={t('board.tab.soa')}>
          <SoaTab />
        </Main>
      )}
      <FeedbackNotice docName={boardDocName(session.workshopId, session.groupId)} />
      <NoticeToast />
    </div>
  );
}
