import type { Scenario } from '../scenario/schema';
import { scenarioControlIds } from '../scenario/load';

/** What commands need to validate input: the scenario the board was created from. */
export interface BoardContext {
  scenario: Scenario;
  /** Instructors may edit a locked board (they lock to stop participants, not themselves). */
  bypassLock?: boolean;
}

const themeCache = new WeakMap<Scenario, ReadonlySet<string>>();

export function offeredControls(scenario: Scenario): ReadonlySet<string> {
  let offered = themeCache.get(scenario);
  if (!offered) {
    offered = new Set(scenarioControlIds(scenario));
    themeCache.set(scenario, offered);
  }
  return offered;
}
