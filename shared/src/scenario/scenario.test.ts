import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_SCENARIOS,
  SEMINAR4_SCENARIO,
  isBuiltInScenarioId,
  parseScenario,
  scenarioControlIds,
} from './load';
import { phaseParticipantAccess } from './schema';

const valid = () => structuredClone(SEMINAR4_SCENARIO) as unknown as Record<string, unknown>;

describe('scenario format', () => {
  it('loads the seminar-4 scenario: 8 assets, 3 controls each, organizational theme', () => {
    expect(SEMINAR4_SCENARIO.assets).toHaveLength(8);
    expect(SEMINAR4_SCENARIO.controls_per_asset).toBe(3);
    expect(SEMINAR4_SCENARIO.groups).toBe(8);
    expect(SEMINAR4_SCENARIO.assets[0]?.name_ja).toBe('顧客データベース');
    expect(scenarioControlIds(SEMINAR4_SCENARIO)).toHaveLength(37);
    expect(scenarioControlIds({ theme: 'all' })).toHaveLength(93);
  });

  it('names the field and the reason of every problem', () => {
    const broken = valid();
    (broken.assets as Record<string, unknown>[])[2]!.risk_ja = '';
    broken.controls_per_asset = 0;
    const result = parseScenario(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.issues.map((issue) => issue.field);
    expect(fields).toContain('assets.2.risk_ja');
    expect(fields).toContain('controls_per_asset');
    expect(result.message).toMatch(/assets\.2\.risk_ja: /);
  });

  it('rejects duplicate asset ids, unknown controls in the example and a bad schedule', () => {
    const broken = valid();
    const assets = broken.assets as Record<string, unknown>[];
    assets[1]!.id = assets[0]!.id;
    (broken.example_answer as { rows: { control: string }[] }).rows[0]!.control = '5.99';
    (broken.schedule as Record<string, string>[])[0]!.end = '15:00';
    const result = parseScenario(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('assets.1.id: duplicate asset id');
    expect(result.message).toContain('example_answer.rows.0.control');
    expect(result.message).toContain('schedule.0.end: must be after start');
  });

  it('rejects an unknown theme and non-objects', () => {
    expect(parseScenario({ ...valid(), theme: 'financial' }).ok).toBe(false);
    expect(parseScenario(null).ok).toBe(false);
    expect(parseScenario('[]').ok).toBe(false);
  });
});

describe('built-in sample scenarios', () => {
  const themes = {
    'sample-people': 'people',
    'sample-physical': 'physical',
    'sample-technological': 'technological',
  } as const;

  it.each(Object.entries(themes))(
    '%s: eight assets, bilingual risks, a sample, theme %s',
    (id, theme) => {
      const scenario = BUILT_IN_SCENARIOS.find((candidate) => candidate.id === id);
      expect(scenario).toBeDefined();
      if (!scenario) return;
      expect(parseScenario(JSON.parse(JSON.stringify(scenario))).ok).toBe(true);
      expect(scenario.theme).toBe(theme);
      expect(scenario.sample).toBe(true);
      expect(scenario.assets).toHaveLength(8);
      for (const asset of scenario.assets) {
        for (const text of [asset.name_ja, asset.risk_ja])
          expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        for (const text of [asset.name_en, asset.risk_en])
          expect(text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      const themeControls = new Set(scenarioControlIds(scenario));
      for (const row of scenario.example_answer?.rows ?? [])
        expect(themeControls.has(row.control)).toBe(true);
      expect(scenario.example_answer?.rows.length).toBe(scenario.controls_per_asset);
    },
  );

  it('every built-in has a unique id and ends with a read-only presentation phase', () => {
    expect(new Set(BUILT_IN_SCENARIOS.map((scenario) => scenario.id)).size).toBe(
      BUILT_IN_SCENARIOS.length,
    );
    for (const scenario of BUILT_IN_SCENARIOS) {
      expect(scenario.schedule.map(phaseParticipantAccess)).toEqual(['edit', 'read-only']);
    }
    expect(isBuiltInScenarioId('sample-people')).toBe(true);
    expect(isBuiltInScenarioId('my-scenario')).toBe(false);
  });

  it('rejects an unknown participant access in a phase', () => {
    const broken = valid();
    (broken.schedule as Record<string, string>[])[1]!.participants = 'nobody';
    const result = parseScenario(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.field).toBe('schedule.1.participants');
  });
});
