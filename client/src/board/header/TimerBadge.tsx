import { useEffect, useState } from 'react';
import { formatRemaining, viewTimer } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useSelector } from '../../store/useSelector';
import { useRuntime } from '../context';

/** The countdown redraws once a second, ms: the display has one-second resolution. */
const TICK_MS = 1000;

/** The shared clock and current agenda item from the workshop document (read-only here). */
export function TimerBadge({ clockOffsetMs }: { clockOffsetMs: number }) {
  const runtime = useRuntime();
  const timer = useSelector(runtime.workshop, (state) => state.timer);
  const t = useT();
  const locale = useLocale();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer.running) return;
    const interval = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(interval);
  }, [timer.running]);
  const view = viewTimer(timer, now + clockOffsetMs);
  const phase = runtime.scenario.schedule[view.phaseIndex];
  const phaseLabel = phase ? (locale === 'ja' ? phase.label_ja : phase.label_en) : '';
  return (
    <div
      className={`timer${view.overtime ? ' timer--overtime' : ''}${view.running ? '' : ' timer--paused'}`}
      aria-label={`${t('board.timer')} ${formatRemaining(view.remainingMs)}`}
    >
      <span className="timer__phase">{phaseLabel}</span>
      <span className="timer__time">{formatRemaining(view.remainingMs)}</span>
      {!view.running && <span className="timer__state">{t('board.timerPaused')}</span>}
      {view.overtime && <span className="timer__state">{t('board.overtime')}</span>}
    </div>
  );
}
