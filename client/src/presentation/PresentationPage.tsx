import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useScenario } from '../api/scenarios';
import { type PresentationState, type Scenario, writePresentation } from '@isms/shared';
import { syncOrigin } from '../instructor/live/workshopConnection';
import type { WorkshopConnection } from '../instructor/live/workshopConnection';
import {
  useWorkshopAccess,
  useWorkshopConnection,
  useWorkshopSnapshot,
} from '../instructor/live/useWorkshop';
import { useIT } from '../instructor/i18n';
import { type PresentationStep, applyStep, stepForKey } from './navigation';
import { Slide } from './Slide';
import { ViewerConnection } from './viewerConnection';
import { ViewerLink } from './ViewerLink';
import './presentation.css';

const PRESENCE = { user: { name: '講師', role: 'instructor' as const, color: '#c9822b' } };

/** Steps the slide on keys (clickers send PageDown/PageUp); ignores keys typed in form fields. */
function useKeyboard(onStep: (step: PresentationStep) => void) {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea, button')) return;
      if (event.key === 'f' || event.key === 'F') {
        void document.documentElement.requestFullscreen?.().catch(() => undefined);
        return;
      }
      const step = stepForKey(event.key, event.shiftKey);
      if (!step) return;
      event.preventDefault();
      onStep(step);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [onStep]);
}

function InstructorPresentation(props: {
  connection: WorkshopConnection;
  scenario: Scenario;
  token: string;
  workshopId: string;
}) {
  const t = useIT();
  const snapshot = useWorkshopSnapshot(props.connection);
  const groups = snapshot.groups;
  const groupIds = useMemo(() => groups.map((g) => g.groupId), [groups]);
  const shared = snapshot.workshop.presentation;
  const [slide, setSlide] = useState<PresentationState>(() => ({
    groupId: shared.groupId ?? groupIds[0] ?? null,
    assetIndex: shared.assetIndex,
    compareGroupId: shared.compareGroupId,
  }));
  const nameOf = (id: string | null) => groups.find((g) => g.groupId === id)?.groupName;
  const groupName = nameOf(slide.groupId);
  const compareGroupName = nameOf(slide.compareGroupId);
  useEffect(() => {
    // The projector link follows this: publish every slide change to the workshop doc.
    writePresentation(props.connection.workshopDoc, {
      ...slide,
      ...(groupName ? { groupName } : {}),
      ...(compareGroupName ? { compareGroupName } : {}),
    });
  }, [slide, groupName, compareGroupName, props.connection]);
  useKeyboard((step) =>
    setSlide((current) => applyStep(current, step, groupIds, props.scenario.assets.length)),
  );
  const group = groups.find((g) => g.groupId === slide.groupId);
  const compare = groups.find((g) => g.groupId === slide.compareGroupId);
  return (
    <main className="present">
      {group ? (
        <Slide
          scenario={props.scenario}
          assetIndex={slide.assetIndex}
          group={{ name: group.groupName, board: group.board }}
          compare={compare ? { name: compare.groupName, board: compare.board } : null}
        />
      ) : (
        <p className="present__message">{t('present.noGroup')}</p>
      )}
      <footer className="present__toolbar">
        <select
          aria-label={t('ins.tab.group')}
          value={slide.groupId ?? ''}
          onChange={(e) => setSlide({ ...slide, groupId: e.target.value, compareGroupId: null })}
        >
          {groups.map((g) => (
            <option key={g.groupId} value={g.groupId}>
              {g.groupName}
            </option>
          ))}
        </select>
        <label>
          {t('present.compare')}{' '}
          <select
            value={slide.compareGroupId ?? ''}
            onChange={(e) => setSlide({ ...slide, compareGroupId: e.target.value || null })}
          >
            <option value="">{t('present.none')}</option>
            {groups
              .filter((g) => g.groupId !== slide.groupId)
              .map((g) => (
                <option key={g.groupId} value={g.groupId}>
                  {g.groupName}
                </option>
              ))}
          </select>
        </label>
        <span className="present__help">{t('present.help')}</span>
        <ViewerLink token={props.token} workshopId={props.workshopId} />
      </footer>
    </main>
  );
}

function ViewerPresentation({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useIT();
  const connection = useMemo(
    () => new ViewerConnection(workshopId, token, syncOrigin(window.location)),
    [workshopId, token],
  );
  useEffect(() => () => connection.destroy(), [connection]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const { presentation, boards } = snapshot;
  const board = presentation.groupId ? boards[presentation.groupId] : undefined;
  const { scenario } = useScenario(workshopId, board?.meta.scenarioId ?? null, token);
  const compareBoard = presentation.compareGroupId
    ? boards[presentation.compareGroupId]
    : undefined;
  if (!presentation.groupId || !board || !scenario) {
    return (
      <main className="present">
        <p className="present__message">{t('present.follow')}</p>
      </main>
    );
  }
  return (
    <main className="present present--viewer">
      <Slide
        scenario={scenario}
        assetIndex={presentation.assetIndex}
        group={{ name: presentation.groupName ?? presentation.groupId, board }}
        compare={
          presentation.compareGroupId
            ? {
                name: presentation.compareGroupName ?? presentation.compareGroupId,
                board: compareBoard,
              }
            : null
        }
      />
    </main>
  );
}

function InstructorMode({ workshopId }: { workshopId: string }) {
  const t = useIT();
  const access = useWorkshopAccess(workshopId);
  const connection = useWorkshopConnection(access, PRESENCE);
  if (access.state === 'denied') return <p className="alert alert--error">{t('ins.noToken')}</p>;
  if (access.state !== 'ready' || !connection)
    return <div className="loading">{t('ins.connecting')}</div>;
  return (
    <InstructorPresentation
      connection={connection}
      scenario={access.scenario}
      token={access.token}
      workshopId={workshopId}
    />
  );
}

/** /present/:workshopId — the projector view; `?viewer=<token>` follows the instructor read-only. */
export default function PresentationPage({ workshopId = '' }: { workshopId?: string }) {
  const viewer = useMemo(() => new URLSearchParams(window.location.search).get('viewer'), []);
  return viewer ? (
    <ViewerPresentation workshopId={workshopId} token={viewer} />
  ) : (
    <InstructorMode workshopId={workshopId} />
  );
}
