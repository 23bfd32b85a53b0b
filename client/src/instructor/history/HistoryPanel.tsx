import { useMemo, useState } from 'react';
import {
  diffBoards,
  type BoardState,
  type RestoreRequest,
  type RestoreResponse,
  type Scenario,
} from '@isms/shared';
import { useLocale } from '../../i18n';
import { instructorApi } from '../api';
import { useIT } from '../i18n';
import { ChangesSummary } from './ChangesSummary';
import { Replay } from './Replay';
import { useTimeline } from './useTimeline';
import { VersionBoard } from './VersionBoard';
import './history.css';

/**
 * A group's board history for the instructor: a time slider over the saved versions, the
 * board as it was then (read-only) with what changed since, and "restore" for the whole board,
 * one lane or one note. Restoring a wiped board takes three clicks from the group's board:
 * History → the version → Restore. A restore is itself undone by restoring the version taken
 * just before it ("Undo the restore").
 */
export function HistoryPanel(props: {
  token: string;
  workshopId: string;
  groupId: string;
  groupName: string;
  scenario: Scenario;
  /** The live board, to show what changed since the version. */
  now: BoardState;
  onClose: () => void;
}) {
  const t = useIT();
  const locale = useLocale();
  const { token, workshopId, groupId } = props;
  const timeline = useTimeline(token, workshopId, groupId);
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<RestoreResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const { versions, shownId, board } = timeline;
  const presentIds = useMemo(
    () => new Set(props.now.placements.map((placement) => placement.id)),
    [props.now],
  );
  const changes = useMemo(() => (board ? diffBoards(board, props.now) : null), [board, props.now]);
  const clock = (at: number) =>
    new Date(at).toLocaleTimeString(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });

  const restore = async (versionId: number, scope: RestoreRequest['scope']) => {
    setBusy(true);
    setFailure(null);
    try {
      setRestored(await instructorApi.restoreVersion(token, workshopId, groupId, versionId, scope));
      await timeline.reload();
    } catch (error) {
      setFailure(String((error as Error).message || error));
    } finally {
      setBusy(false);
    }
  };

  if (replaying && versions && versions.length > 0) {
    return (
      <Replay
        token={token}
        workshopId={workshopId}
        groupId={groupId}
        groupName={props.groupName}
        versions={versions}
        scenario={props.scenario}
        onClose={() => setReplaying(false)}
      />
    );
  }

  const shownIndex = versions?.findIndex((version) => version.id === shownId) ?? -1;
  const shown = shownIndex >= 0 ? versions![shownIndex]! : null;
  return (
    <section className="history" aria-labelledby="history-title">
      <header className="history__head">
        <h2 id="history-title">{t('hist.title', { group: props.groupName })}</h2>
        <button
          type="button"
          className="button button--small"
          disabled={!versions || versions.length === 0}
          onClick={() => setReplaying(true)}
        >
          ▶ {t('hist.replay')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={props.onClose}
        >
          {t('hist.close')}
        </button>
      </header>
      {(timeline.error || failure) && (
        <p className="alert alert--error" role="alert">
          {t('common.error', { message: failure ?? timeline.error ?? '' })}
        </p>
      )}
      {restored && (
        <p className="alert history__restored" role="status">
          {t('hist.restored', {
            restored: restored.cardsRestored,
            removed: restored.cardsRemoved,
            notes: restored.notesRestored,
          })}{' '}
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void restore(restored.beforeRestoreId, { kind: 'board' })}
          >
            {t('hist.undo')}
          </button>
        </p>
      )}
      {versions === null && <p className="muted">{t('hist.loading')}</p>}
      {versions?.length === 0 && <p className="muted">{t('hist.none')}</p>}
      {versions && versions.length > 0 && (
        <div className="history__layout">
          <nav className="history__timeline" aria-label={t('hist.versions')}>
            <input
              type="range"
              className="history__slider"
              min={0}
              max={versions.length - 1}
              value={Math.max(0, shownIndex)}
              aria-label={t('hist.slider')}
              aria-valuetext={shown ? clock(shown.at) : ''}
              onChange={(event) => timeline.select(versions[Number(event.target.value)]!.id)}
            />
            <ol className="history__versions">
              {[...versions].reverse().map((version) => (
                <li key={version.id}>
                  <button
                    type="button"
                    className="history__version"
                    aria-pressed={version.id === shownId}
                    onClick={() => timeline.select(version.id)}
                  >
                    <span className="history__time">{clock(version.at)}</span>
                    <span className="history__reason">{t(`hist.reason.${version.reason}`)}</span>
                    {version.editors.length > 0 && (
                      <span className="history__editors muted">
                        {t('hist.editors', { names: version.editors.join('、') })}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <div className="history__shown">
            {shown && (
              <div className="history__shown-head">
                <p className="history__at">{t('hist.at', { time: clock(shown.at) })}</p>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={busy || !board}
                  onClick={() => void restore(shown.id, { kind: 'board' })}
                >
                  {t('hist.restoreBoard')}
                </button>
              </div>
            )}
            {!board && <p className="muted">{t('hist.loading')}</p>}
            {changes && <ChangesSummary changes={changes} />}
            {board && shown && (
              <VersionBoard
                board={board}
                scenario={props.scenario}
                presentIds={presentIds}
                busy={busy}
                onRestore={(scope) => void restore(shown.id, scope)}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
