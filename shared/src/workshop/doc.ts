import type * as Y from 'yjs';
import { LocalOrigin } from '../board/origins';
import type { ScheduleItem } from '../scenario/schema';
import { type TimerState, initialTimer } from './timer';

/**
 * The workshop-wide document "<workshopId>/_workshop": the shared timer and agenda and what
 * the projector shows. Every board subscribes to it read-only; only instructors write it
 * (the server enforces that). Values are whole plain objects: one writer, last write wins.
 */
export const WorkshopRoot = { state: 'workshop' } as const;

export interface PresentationState {
  /** Group on the projector, or null when nothing is being presented. */
  groupId: string | null;
  assetIndex: number;
  /** Optional second group shown side by side on the same asset. */
  compareGroupId: string | null;
  /**
   * Display names of the presented groups: a read-only viewer (projector link) may not read
   * the workshop's group list, so the presenter writes the names it shows. Optional: older
   * writers leave them out and viewers fall back to the group id.
   */
  groupName?: string;
  compareGroupName?: string;
}

export interface WorkshopDocState {
  timer: TimerState;
  presentation: PresentationState;
}

const EMPTY_PRESENTATION: PresentationState = {
  groupId: null,
  assetIndex: 0,
  compareGroupId: null,
};

function stateMap(doc: Y.Doc) {
  return doc.getMap<unknown>(WorkshopRoot.state);
}

function isTimer(value: unknown): value is TimerState {
  const timer = value as TimerState | null;
  return (
    !!timer &&
    typeof timer.phaseIndex === 'number' &&
    typeof timer.running === 'boolean' &&
    typeof timer.remainingMs === 'number'
  );
}

function isPresentation(value: unknown): value is PresentationState {
  const presentation = value as PresentationState | null;
  return !!presentation && typeof presentation.assetIndex === 'number';
}

export function readWorkshopDoc(doc: Y.Doc, schedule: readonly ScheduleItem[]): WorkshopDocState {
  const map = stateMap(doc);
  const timer = map.get('timer');
  const presentation = map.get('presentation');
  return {
    timer: isTimer(timer) ? timer : initialTimer(schedule),
    presentation: isPresentation(presentation) ? presentation : EMPTY_PRESENTATION,
  };
}

export function writeTimer(doc: Y.Doc, timer: TimerState): void {
  doc.transact(() => stateMap(doc).set('timer', { ...timer }), new LocalOrigin('timer'));
}

export function writePresentation(doc: Y.Doc, presentation: PresentationState): void {
  doc.transact(
    () => stateMap(doc).set('presentation', { ...presentation }),
    new LocalOrigin('present'),
  );
}
