import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import {
  type Scenario,
  type TimerState,
  extendTimer,
  formatRemaining,
  phaseParticipantAccess,
  pauseTimer,
  startTimer,
  viewTimer,
  writeTimer,
} from '@isms/shared';
import { useLocale } from '../i18n';
import { useIT } from './i18n';
import { useServerClockOffset } from '../api/clockOffset';

/** How much "extend" adds, ms: five minutes, the usual "just a bit more" in a seminar. */
const EXTEND_MS = 5 * 60_000;
/** Display refresh, ms: the countdown shows whole seconds. */
const TICK_MS = 1000;

export function useNow(intervalMs = TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The shared timer and agenda: only the instructor writes it; every board shows it. */
export function TimerPanel(props: {
  doc: Y.Doc;
  scenario: Scenario;
  timer: TimerState;
  /** Moves the room to a phase through the server (it applies the phase's access). */
  onPhase: (phaseIndex: number) => void;
}) {
  const t = useIT();
  const locale = useLocale();
  const offset = useServerClockOffset();
  const now = useNow() + offset;
  const serverNow = () => Date.now() + offset;
  const { schedule } = props.scenario;
  const view = viewTimer(props.timer, now);
  const phase = schedule[view.phaseIndex];
  const write = (next: TimerState) => writeTimer(props.doc, next);
  return (
    <div className="ins-timer" data-testid="ins-timer">
      <span className="ins-timer__phase">
        {phase ? (locale === 'ja' ? phase.label_ja : phase.label_en) : '—'}
        {phase && (
          <span className="muted">
            {' '}
            {phase.start}–{phase.end}
          </span>
        )}
        {phaseParticipantAccess(phase) === 'read-only' && (
          <span className="ins-timer__readonly"> {t('timer.readOnly')}</span>
        )}
      </span>
      <span
        className={`ins-timer__clock${view.overtime ? ' ins-timer__clock--over' : ''}`}
        data-testid="timer-clock"
      >
        {formatRemaining(view.remainingMs)}
      </span>
      {view.running ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => write(pauseTimer(props.timer, serverNow()))}
        >
          {t('timer.pause')}
        </button>
      ) : (
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => write(startTimer(props.timer, serverNow()))}
        >
          {t('timer.start')}
        </button>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() => write(extendTimer(props.timer, EXTEND_MS))}
      >
        {t('timer.extend')}
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        disabled={view.phaseIndex === 0}
        onClick={() => props.onPhase(view.phaseIndex - 1)}
      >
        ← {t('timer.previous')}
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        disabled={view.phaseIndex + 1 >= schedule.length}
        onClick={() => props.onPhase(view.phaseIndex + 1)}
      >
        {t('timer.next')} →
      </button>
    </div>
  );
}
