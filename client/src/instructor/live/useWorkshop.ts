import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Scenario, WorkshopInfo } from '@isms/shared';
import { useOwned } from '../../common/useOwned';
import { ApiFailure, api } from '../../api/client';
import { loadScenario } from '../../api/scenarios';
import {
  forgetInstructorToken,
  organiserKey,
  storeInstructorToken,
  storedInstructorToken,
} from '../credentials';
import { type InstructorPresence } from './presence';
import { type WorkshopSnapshot, WorkshopConnection, syncOrigin } from './workshopConnection';

export type WorkshopAccess =
  | { state: 'loading' }
  | { state: 'denied'; message: string }
  | { state: 'ready'; token: string; info: WorkshopInfo; scenario: Scenario };

/**
 * The workshop with an instructor token: from an instructor link (#token=), this tab's
 * storage, or minted with the organiser key. An expired or revoked stored token (401) is
 * dropped and replaced from the organiser key when this device has it.
 */
async function openWorkshop(
  workshopId: string,
): Promise<{ token: string; info: WorkshopInfo; scenario: Scenario }> {
  const access = await openWorkshopInfo(workshopId);
  return {
    ...access,
    scenario: await loadScenario(workshopId, access.info.scenarioId, access.token),
  };
}

async function openWorkshopInfo(
  workshopId: string,
): Promise<{ token: string; info: WorkshopInfo }> {
  const stored = storedInstructorToken(workshopId);
  if (stored) {
    try {
      return { token: stored, info: await api.workshop(stored, workshopId) };
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.status !== 401) throw error;
      forgetInstructorToken(workshopId);
    }
  }
  const key = organiserKey();
  if (!key) throw new ApiFailure(401, 'no-token', 'no instructor token');
  const { token } = await api.instructorToken(key, workshopId);
  storeInstructorToken(workshopId, token);
  return { token, info: await api.workshop(token, workshopId) };
}

export function useWorkshopAccess(workshopId: string): WorkshopAccess {
  const [access, setAccess] = useState<WorkshopAccess>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    openWorkshop(workshopId)
      .then(({ token, info, scenario }) => {
        if (!cancelled) setAccess({ state: 'ready', token, info, scenario });
      })
      .catch((error: unknown) => {
        if (!cancelled) setAccess({ state: 'denied', message: String((error as Error).message) });
      });
    return () => {
      cancelled = true;
    };
  }, [workshopId]);
  return access;
}

/** Owns the WorkshopConnection for as long as the screen shows this workshop. */
export function useWorkshopConnection(
  access: WorkshopAccess,
  presence: InstructorPresence,
): WorkshopConnection | null {
  const ready = access.state === 'ready' ? access : null;
  // The connection depends on who and what, not on the identity of the info object.
  const groupsKey = ready?.info.groups.map((g) => `${g.id}:${g.name}`).join('|');
  return useOwned(
    ready
      ? {
          key: `${ready.info.id}\n${ready.token}\n${groupsKey}`,
          create: () =>
            new WorkshopConnection({
              workshopId: ready.info.id,
              groups: ready.info.groups,
              scenario: ready.scenario,
              token: ready.token,
              origin: syncOrigin(window.location),
              presence,
            }),
        }
      : null,
  );
}

const EMPTY: WorkshopSnapshot = {
  groups: [],
  workshop: {
    timer: { phaseIndex: 0, running: false, endsAt: null, remainingMs: 0 },
    presentation: { groupId: null, assetIndex: 0, compareGroupId: null },
  },
  frameStart: 0,
};
const noSubscribe = () => () => {};

export function useWorkshopSnapshot(connection: WorkshopConnection | null): WorkshopSnapshot {
  return useSyncExternalStore(
    connection?.subscribe ?? noSubscribe,
    connection?.getSnapshot ?? (() => EMPTY),
  );
}
