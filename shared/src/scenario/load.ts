import type { ControlId } from '../catalog/types';
import { controlsOfTheme } from '../catalog/catalog';
import { scenarioSchema, type Scenario } from './schema';
import seminar4Json from './data/seminar4-organizational.json';
import peopleJson from './data/sample-people.json';
import physicalJson from './data/sample-physical.json';
import technologicalJson from './data/sample-technological.json';

export interface ScenarioIssue {
  /** Dotted path of the offending field, e.g. "assets.2.risk_ja". */
  field: string;
  reason: string;
}

export type ScenarioParseResult =
  { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[]; message: string };

/** Validates untrusted scenario JSON; every problem names its field and the reason. */
export function parseScenario(input: unknown): ScenarioParseResult {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    reason: issue.message,
  }));
  return {
    ok: false,
    issues,
    message: issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '),
  };
}

function mustParse(input: unknown, name: string): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(`built-in scenario ${name} is invalid: ${result.message}`);
  return result.scenario;
}

/** The seminar-4 scenario from the workshop report; the default template. */
export const SEMINAR4_SCENARIO: Scenario = mustParse(seminar4Json, 'seminar4-organizational');

/** Samples for the other themes (6.x, 7.x, 8.x), written in the spirit of seminar 4. */
export const SAMPLE_PEOPLE_SCENARIO: Scenario = mustParse(peopleJson, 'sample-people');
export const SAMPLE_PHYSICAL_SCENARIO: Scenario = mustParse(physicalJson, 'sample-physical');
export const SAMPLE_TECHNOLOGICAL_SCENARIO: Scenario = mustParse(
  technologicalJson,
  'sample-technological',
);

export const BUILT_IN_SCENARIOS: readonly Scenario[] = [
  SEMINAR4_SCENARIO,
  SAMPLE_PEOPLE_SCENARIO,
  SAMPLE_PHYSICAL_SCENARIO,
  SAMPLE_TECHNOLOGICAL_SCENARIO,
];

export function isBuiltInScenarioId(id: string): boolean {
  return BUILT_IN_SCENARIOS.some((scenario) => scenario.id === id);
}

/** The controls a scenario offers in its palette, in catalog order. */
export function scenarioControlIds(scenario: Pick<Scenario, 'theme'>): ControlId[] {
  return controlsOfTheme(scenario.theme).map((control) => control.id);
}

export function scenarioAsset(scenario: Scenario, assetId: string) {
  return scenario.assets.find((asset) => asset.id === assetId);
}
