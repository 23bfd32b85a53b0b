import { useLayoutEffect } from 'react';
import type { Scenario } from '@isms/shared';
import { CompactBoard } from './CompactBoard';
import { useIT } from './i18n';
import { OverviewLegend } from './OverviewLegend';
import type { WorkshopSnapshot } from './live/workshopConnection';

/** Name of the Performance API measure of one overview update (frame start → DOM committed). */
export const OVERVIEW_MEASURE = 'overview-update';

/** Groups shown in the fixed 4 × 2 grid; more flow into as many columns as fit. */
const MAX_GRID_GROUPS = 8;

/** All groups' compact boards in one grid: 4 columns × 2 rows fit 8 groups at 1440×900. */
export function Overview(props: {
  snapshot: WorkshopSnapshot;
  scenario: Scenario;
  onOpen: (groupId: string) => void;
  onLock: (groupId: string, locked: boolean) => void;
}) {
  const t = useIT();
  const { frameStart } = props.snapshot;
  useLayoutEffect(() => {
    // Measures the work one batch of remote edits costs: recompute + render + commit.
    if (frameStart > 0)
      performance.measure(OVERVIEW_MEASURE, { start: frameStart, end: performance.now() });
  }, [frameStart]);
  const doneCount = props.snapshot.groups.filter((group) => group.board.meta.done).length;
  const total = props.snapshot.groups.length;
  return (
    <>
      <p className="overview__ready" role="status" data-testid="ready-summary">
        {t('ins.readySummary', { done: doneCount, working: total - doneCount })}
      </p>
      <div
        className={`overview${props.snapshot.groups.length > MAX_GRID_GROUPS ? ' overview--many' : ''}`}
        data-groups={props.snapshot.groups.length}
      >
        {props.snapshot.groups.map((group) => (
          <CompactBoard
            key={group.groupId}
            group={group}
            scenario={props.scenario}
            locked={group.board.meta.locked}
            onOpen={props.onOpen}
            onLock={props.onLock}
          />
        ))}
      </div>
      <OverviewLegend />
    </>
  );
}
