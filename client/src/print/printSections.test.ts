import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  type GroupBoard,
  SEMINAR4_SCENARIO,
  initBoard,
  placeControl,
  readBoard,
  scenarioControlIds,
  setNote,
} from '@isms/shared';
import { printSections } from './printSections';

const scenario = SEMINAR4_SCENARIO;

function group(groupId: string, cards: [assetIndex: number, controlId: string, note: string][]) {
  const doc = new Y.Doc();
  initBoard(doc, { workshopId: 'w', groupId, scenarioId: scenario.id });
  for (const [assetIndex, controlId, note] of cards) {
    const assetId = scenario.assets[assetIndex]!.id;
    const placed = placeControl(doc, { scenario }, { assetId, controlId, placedBy: 't' });
    if (placed.ok) setNote(doc, { scenario }, placed.value.placementId, note);
  }
  return { groupId, groupName: `グループ${groupId.slice(1)}`, board: readBoard(doc) } as GroupBoard;
}

describe('printSections', () => {
  const groups = [
    group('g1', [
      [0, '5.12', '分類する'],
      [1, '5.23', '契約を確認する'],
    ]),
    group('g2', [[0, '5.12', '重要度で分類する']]),
  ];

  const workshop = { title: '第4回', date: '2026-11-26' };

  it('prints the workshop layout: each report, the comparison, both all-group tables, once each', () => {
    const sections = printSections(
      groups,
      scenario,
      'ja',
      new Set(['soa', 'security-standard', 'report']),
      workshop,
      'workshop',
    );
    expect(sections.map((s) => s.id)).toEqual([
      'report-g1',
      'report-g2',
      'merged',
      'soa-all',
      'standard-all',
    ]);
  });

  it("prints one group's report, standard and SoA when filtered to it", () => {
    const sections = printSections(
      groups.slice(0, 1),
      scenario,
      'ja',
      new Set(['report', 'security-standard', 'soa']),
      workshop,
      'group',
    );
    expect(sections.map((s) => s.id)).toEqual(['report-g1', 'soa-g1', 'standard-g1']);
  });

  it('lays the report out per asset with 管理策No | 管理策 | 実施内容', () => {
    const [report] = printSections(
      groups,
      scenario,
      'ja',
      new Set(['report']),
      workshop,
      'workshop',
    );
    expect(report!.blocks).toHaveLength(scenario.assets.length);
    const first = report!.blocks[0]!;
    expect(first.table.columns.map((c) => c.header)).toEqual(['管理策No', '管理策', '実施内容']);
    expect(first.table.rows).toEqual([
      {
        control: '5.12',
        title: '情報の分類',
        implementation: '分類する',
        asset: scenario.assets[0]!.name_ja,
        risk: scenario.assets[0]!.risk_ja,
        buildsOn: '',
      },
    ]);
    expect(report!.blocks[1]!.table.rows.map((r) => r.control)).toEqual(['5.23']);
    expect(report!.blocks[2]!.table.rows).toEqual([]);
  });

  it('lists every control of the theme in the SoA and merges the groups', () => {
    const sections = printSections(groups, scenario, 'en', new Set(['soa']), workshop, 'workshop');
    const soa = sections.find((s) => s.id === 'soa-all')!.blocks[0]!.table;
    expect(soa.rows.map((r) => r.control)).toEqual(scenarioControlIds(scenario));
    expect(soa.rows.find((r) => r.control === '5.12')?.groups).toBe('グループ1, グループ2');
  });

  it('prints only the chosen parts', () => {
    const sections = printSections(
      groups.slice(0, 1),
      scenario,
      'ja',
      new Set(['security-standard']),
      workshop,
      'group',
    );
    expect(sections.map((s) => s.id)).toEqual(['standard-g1']);
  });
});
