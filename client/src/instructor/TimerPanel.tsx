import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import {
  type Scenario,
  type TimerState,
  extendTimer,
  formatRemaining,
  goToPhase,
  pauseTimer,
  startTimer,
  viewTimer,
  writeTimer,
} from '@isms/shared';
import { api } from '../api/client';
import { useLocale } from '../i18n';
import { useIT } from './i18n';

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

/**
 * Server time minus this laptop's time, ms. Every board counts down to the deadline the
 * instructor writes, so the deadline is written in server time (half the round trip corrects
 * for latency); 0 until the server answered.
 */
function useServerClockOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const sent = Date.now();
    api
      .time()
      .then(({ now }) => {
        if (!cancelled) setOffset(now - (sent + Date.now()) / 2);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return offset;
}

/** The shared timer and agenda: only the instructor writes it; every board shows it. */
export function TimerPanel(props: { doc: Y.Doc; scenario: Scenario; timer: TimerState }) {
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
        disabled={view.phaseIndex + 1 >= schedule.length}
        onClick={() => write(goToPhase(schedule, view.phaseIndex + 1))}
      >
        {t('timer.next')} →
      </button>
    </div>
  );
}
