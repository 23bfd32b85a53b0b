import type { ScheduleItem } from '../scenario/schema';

/**
 * The shared clock. Running: `endsAt` is an epoch-ms deadline every board counts down to
 * (clients correct for their own clock skew with the server time offset). Paused: the
 * remaining time is frozen in `remainingMs`.
 */
export interface TimerState {
  phaseIndex: number;
  running: boolean;
  endsAt: number | null;
  remainingMs: number;
}

export interface TimerView {
  phaseIndex: number;
  running: boolean;
  remainingMs: number;
  overtime: boolean;
}

export function phaseDurationMs(item: ScheduleItem): number {
  const minutes = (time: string) => {
    const [h = 0, m = 0] = time.split(':').map(Number);
    return h * 60 + m;
  };
  return (minutes(item.end) - minutes(item.start)) * 60_000;
}

export function initialTimer(schedule: readonly ScheduleItem[]): TimerState {
  const first = schedule[0];
  return {
    phaseIndex: 0,
    running: false,
    endsAt: null,
    remainingMs: first ? phaseDurationMs(first) : 0,
  };
}

export function viewTimer(state: TimerState, now: number): TimerView {
  const remainingMs =
    state.running && state.endsAt !== null ? state.endsAt - now : state.remainingMs;
  return {
    phaseIndex: state.phaseIndex,
    running: state.running,
    remainingMs,
    overtime: remainingMs < 0,
  };
}

export function startTimer(state: TimerState, now: number): TimerState {
  if (state.running) return state;
  return { ...state, running: true, endsAt: now + state.remainingMs };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
  if (!state.running || state.endsAt === null) return state;
  return { ...state, running: false, endsAt: null, remainingMs: state.endsAt - now };
}

export function extendTimer(state: TimerState, deltaMs: number): TimerState {
  return state.running && state.endsAt !== null
    ? { ...state, endsAt: state.endsAt + deltaMs }
    : { ...state, remainingMs: state.remainingMs + deltaMs };
}

export function goToPhase(schedule: readonly ScheduleItem[], index: number): TimerState {
  const item = schedule[index];
  return {
    phaseIndex: index,
    running: false,
    endsAt: null,
    remainingMs: item ? phaseDurationMs(item) : 0,
  };
}

/** Formats remaining time as "mm:ss" ("-mm:ss" in overtime). */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${sign}${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
