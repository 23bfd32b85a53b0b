import { useEffect, useState } from 'react';
import { BUILT_IN_SCENARIOS, parseScenario, type Scenario } from '@isms/shared';
import { api } from './client';

/**
 * The scenario of a workshop. Built-in scenarios ship in the bundle; a custom one (an
 * organiser's DATA_DIR/scenarios file) comes from GET /api/workshops/:id/scenario and is kept in
 * localStorage, so a participant who reloads the board while the venue Wi-Fi is down still gets
 * the lanes. What comes back from storage or the network is validated like any scenario.
 */
const cacheKey = (workshopId: string) => `isms.scenario.${workshopId}`;

export function knownScenario(workshopId: string, scenarioId: string): Scenario | null {
  const builtIn = BUILT_IN_SCENARIOS.find((scenario) => scenario.id === scenarioId);
  if (builtIn) return builtIn;
  try {
    const cached = localStorage.getItem(cacheKey(workshopId));
    if (!cached) return null;
    const parsed = parseScenario(JSON.parse(cached));
    return parsed.ok && parsed.scenario.id === scenarioId ? parsed.scenario : null;
  } catch {
    return null;
  }
}

export async function loadScenario(
  workshopId: string,
  scenarioId: string,
  token: string,
): Promise<Scenario> {
  const known = knownScenario(workshopId, scenarioId);
  if (known) return known;
  const parsed = parseScenario(await api.scenario(token, workshopId));
  if (!parsed.ok) throw new Error(`the workshop's scenario is invalid: ${parsed.message}`);
  try {
    localStorage.setItem(cacheKey(workshopId), JSON.stringify(parsed.scenario));
  } catch {
    // Storage full or disabled: the board still works while online.
  }
  return parsed.scenario;
}

export interface ScenarioState {
  /** Null while a custom scenario is being fetched, or when it could not be. */
  scenario: Scenario | null;
  /** The fetch failed (offline on a first visit, or the token no longer works). */
  failed: boolean;
}

export function useScenario(
  workshopId: string,
  scenarioId: string | null,
  token: string,
): ScenarioState {
  const [loaded, setLoaded] = useState<{ id: string; scenario: Scenario | null }>({
    id: '',
    scenario: null,
  });
  const known = scenarioId ? knownScenario(workshopId, scenarioId) : null;
  useEffect(() => {
    if (!scenarioId || known) return;
    let cancelled = false;
    loadScenario(workshopId, scenarioId, token).then(
      (scenario) => {
        if (!cancelled) setLoaded({ id: scenarioId, scenario });
      },
      () => {
        if (!cancelled) setLoaded({ id: scenarioId, scenario: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workshopId, scenarioId, token, known]);
  if (known) return { scenario: known, failed: false };
  const settled = scenarioId !== null && loaded.id === scenarioId;
  return {
    scenario: settled ? loaded.scenario : null,
    failed: settled && loaded.scenario === null,
  };
}
