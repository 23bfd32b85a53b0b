import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_REPLAY_SPEED,
  replayDelays,
  type BoardState,
  type HistoryVersionInfo,
  type Scenario,
} from '@isms/shared';
import { useLocale } from '../../i18n';
import { useIT } from '../i18n';
import { versionBoard } from '../live/versionBoards';
import { VersionBoard } from './VersionBoard';

/** Replay speeds offered: 75 minutes in 2.5, 1 or 0.5 minutes. */
const SPEEDS = [30, DEFAULT_REPLAY_SPEED, 150];

/**
 * Replay for feedback: the group's versions one after the other in compressed time (75× by
 * default: a 75-minute session in one minute), large enough for the projector; full screen on
 * request. Each next version is fetched while the current one is shown.
 */
export function Replay(props: {
  token: string;
  workshopId: string;
  groupId: string;
  groupName: string;
  versions: HistoryVersionInfo[];
  scenario: Scenario;
  onClose: () => void;
}) {
  const t = useIT();
  const locale = useLocale();
  const { token, workshopId, groupId, versions } = props;
  const [speed, setSpeed] = useState(DEFAULT_REPLAY_SPEED);
  const [index, setIndex] = useState(0);
  const [board, setBoard] = useState<BoardState | null>(null);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    const version = versions[index];
    if (!version) return;
    let current = true;
    void versionBoard(token, workshopId, groupId, version.id).then((loaded) => {
      if (current) setBoard(loaded);
    });
    const next = versions[index + 1];
    if (next) void versionBoard(token, workshopId, groupId, next.id).catch(() => undefined);
    return () => {
      current = false;
    };
  }, [token, workshopId, groupId, versions, index]);

  useEffect(() => {
    if (index >= versions.length - 1) return;
    const delay = replayDelays(versions, speed)[index] ?? 0;
    const timer = setTimeout(() => setIndex((value) => value + 1), delay);
    return () => clearTimeout(timer);
  }, [versions, speed, index]);

  const version = versions[index];
  const time = version
    ? new Date(version.at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : '';
  return (
    <section
      ref={root}
      className="replay"
      aria-label={t('hist.replayTitle', { group: props.groupName })}
    >
      <header className="replay__head">
        <h2>{t('hist.replayTitle', { group: props.groupName })}</h2>
        <p className="replay__clock" aria-live="off" data-testid="replay-clock">
          {time} · {index + 1}/{versions.length}
        </p>
        <label className="replay__speed">
          {t('hist.replaySpeed')}{' '}
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {t('hist.replaySpeedValue', {
                  speed: value,
                  minutes: Math.round((75 / value) * 10) / 10,
                })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--small"
          onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}
        >
          {t('hist.fullscreen')}
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          onClick={props.onClose}
        >
          {t('hist.replayStop')}
        </button>
      </header>
      <progress className="replay__progress" max={Math.max(1, versions.length - 1)} value={index} />
      {board && <VersionBoard board={board} scenario={props.scenario} />}
    </section>
  );
}
