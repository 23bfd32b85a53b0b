import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ctx, seedBoard } from '../testing/replicas';
import { SEMINAR4_SCENARIO } from '../scenario/load';
import {
  addFeedback,
  linkPlacements,
  placeControl,
  readBoard,
  removePlacement,
  setNote,
  setSoaEntry,
} from '../board/index';
import { boardSummary } from './summary';
import { boardProgress } from './progress';
import { mergedView, type GroupBoard } from './merged';
import { consolidatedStatementOfApplicability, statementOfApplicability } from './soa';
import { securityStandardTable } from './securityStandard';

function place(doc: Y.Doc, assetId: string, controlId: string, note = '') {
  const result = placeControl(doc, ctx, { assetId, controlId, placedBy: 'a' });
  if (!result.ok) throw new Error(result.message);
  if (note) setNote(doc, ctx, result.value.placementId, note);
  return result.value.placementId;
}

function group(groupId: string, build: (doc: Y.Doc) => void): GroupBoard {
  const doc = seedBoard();
  build(doc);
  return { groupId, groupName: `グループ${groupId.slice(1)}`, board: readBoard(doc) };
}

describe('board summary and progress', () => {
  it('orders cards per asset with titles, notes, links and feedback', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12', '個人情報とそれ以外に分類');
    const b = place(doc, 'customer-db', '5.13', '重要度に応じラベル付け');
    linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'a', label: '分類に基づく' });
    addFeedback(doc, ctx, {
      author: '講師',
      text: '順序が良い',
      anchor: { kind: 'placement', placementId: b },
    });
    const summary = boardSummary(readBoard(doc), SEMINAR4_SCENARIO);
    expect(summary.assets).toHaveLength(8);
    const lane = summary.assets[0]!;
    expect(lane.asset.name_ja).toBe('顧客データベース');
    expect(lane.placements.map((p) => [p.controlId, p.title_ja])).toEqual([
      ['5.12', '情報の分類'],
      ['5.13', '情報のラベル付け'],
    ]);
    expect(lane.placements[1]?.linksIn).toMatchObject([
      { controlId: '5.12', label: '分類に基づく' },
    ]);
    expect(lane.placements[0]?.linksOut).toMatchObject([{ controlId: '5.13' }]);
    expect(lane.placements[1]?.feedback[0]?.text).toBe('順序が良い');
  });

  it('keeps feedback of a removed card as detached instead of losing it', () => {
    const doc = seedBoard();
    const a = place(doc, 'bcp', '5.29');
    addFeedback(doc, ctx, {
      author: '講師',
      text: '具体的に',
      anchor: { kind: 'placement', placementId: a },
    });
    removePlacement(doc, ctx, { placementId: a });
    const summary = boardSummary(readBoard(doc), SEMINAR4_SCENARIO);
    expect(summary.detachedFeedback.map((f) => f.text)).toEqual(['具体的に']);
  });

  it('counts placed cards and written notes, capped per asset', () => {
    const doc = seedBoard();
    ['5.1', '5.2', '5.3', '5.4'].forEach((id) => place(doc, 'bcp', id, id === '5.4' ? '' : 'メモ'));
    place(doc, 'customer-db', '5.12', '   ');
    const progress = boardProgress(readBoard(doc), SEMINAR4_SCENARIO);
    expect(progress).toMatchObject({ placed: 4, required: 24, notesWritten: 3, completeAssets: 1 });
    expect(progress.assets.find((a) => a.assetId === 'bcp')).toMatchObject({
      placed: 4,
      overLimit: true,
    });
    expect(progress.assets.find((a) => a.assetId === 'customer-db')).toMatchObject({
      placed: 1,
      notesWritten: 0,
    });
  });
});

describe('merged view of several groups', () => {
  const groups = [
    group('g1', (d) => {
      place(d, 'customer-db', '5.12', 'G1: 分類');
      place(d, 'customer-db', '5.13', 'G1: ラベル');
      place(d, 'bcp', '5.29');
    }),
    group('g2', (d) => {
      place(d, 'customer-db', '5.12', 'G2: 分類する');
      place(d, 'customer-db', '5.15', 'G2: アクセス制御');
      place(d, 'bcp', '5.30');
    }),
    group('g3', (d) => place(d, 'customer-db', '5.12', 'G3')),
  ];

  it("counts groups per asset × control with every group's note side by side", () => {
    const view = mergedView(groups, SEMINAR4_SCENARIO);
    const customer = view.assets.find((a) => a.asset.id === 'customer-db')!;
    expect(customer.cells.map((c) => [c.controlId, c.count])).toEqual([
      ['5.12', 3],
      ['5.13', 1],
      ['5.15', 1],
    ]);
    expect(customer.cells[0]?.choices.map((c) => c.note)).toEqual([
      'G1: 分類',
      'G2: 分類する',
      'G3',
    ]);
    expect(customer.cells[0]?.share).toBe(1);
    expect(customer.cells.filter((c) => c.unique).map((c) => c.controlId)).toEqual([
      '5.13',
      '5.15',
    ]);
    expect(customer.cells.find((c) => c.controlId === '5.13')?.inExample).toBe(true);
  });

  it('ranks assets by disagreement', () => {
    const view = mergedView(groups, SEMINAR4_SCENARIO);
    const bcp = view.assets.find((a) => a.asset.id === 'bcp')!;
    const customer = view.assets.find((a) => a.asset.id === 'customer-db')!;
    expect(bcp.disagreement).toBe(1);
    expect(customer.disagreement).toBeGreaterThan(0);
    expect(customer.disagreement).toBeLessThan(1);
    expect(view.mostContested[0]).toBe('bcp');
  });
});

describe('Statement of Applicability', () => {
  it('lists every control of the theme, derived from placements unless set explicitly', () => {
    const doc = seedBoard();
    place(doc, 'customer-db', '5.12');
    place(doc, 'employee-pii', '5.12');
    setSoaEntry(doc, ctx, {
      controlId: '5.7',
      patch: { applicable: 'no', exclusionReason: '対象外' },
      updatedBy: 'a',
    });
    setSoaEntry(doc, ctx, { controlId: '5.12', patch: { status: 'in-progress' }, updatedBy: 'a' });
    const rows = statementOfApplicability(readBoard(doc), SEMINAR4_SCENARIO);
    expect(rows).toHaveLength(37);
    const classification = rows.find((r) => r.controlId === '5.12')!;
    expect(classification).toMatchObject({
      applicable: 'yes',
      derived: true,
      status: 'in-progress',
    });
    expect(classification.inclusionJustification_ja).toContain('顧客データベース');
    expect(classification.inclusionJustification_ja).toContain('従業員の個人情報管理');
    expect(classification.assets.map((a) => a.assetId)).toEqual(['customer-db', 'employee-pii']);
    expect(rows.find((r) => r.controlId === '5.7')).toMatchObject({
      applicable: 'no',
      derived: false,
      exclusionJustification: '対象外',
    });
    expect(rows.find((r) => r.controlId === '5.1')).toMatchObject({ applicable: 'undecided' });
  });

  it('prefers an explicit justification and consolidates groups', () => {
    const g1 = group('g1', (d) => {
      place(d, 'bcp', '5.29');
      setSoaEntry(d, ctx, {
        controlId: '5.29',
        patch: { justification: 'BCPに必須' },
        updatedBy: 'a',
      });
      setSoaEntry(d, ctx, {
        controlId: '5.7',
        patch: { applicable: 'no', exclusionReason: '不要' },
        updatedBy: 'a',
      });
    });
    const g2 = group('g2', (d) => place(d, 'customer-db', '5.7'));
    const rows = consolidatedStatementOfApplicability([g1, g2], SEMINAR4_SCENARIO);
    expect(rows.find((r) => r.controlId === '5.29')).toMatchObject({
      applicable: 'yes',
      groups: ['グループ1'],
      inclusionJustification_ja: 'グループ1：BCPに必須',
    });
    expect(rows.find((r) => r.controlId === '5.7')).toMatchObject({
      applicable: 'yes',
      groups: ['グループ2'],
    });
  });
});

describe('security standard table', () => {
  it('lists asset → control no., title, implementation in board order', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12', '情報内容を確認し個人情報とそれ以外の分類とする');
    const b = place(doc, 'customer-db', '5.13', '5.12で分類したものを重要度に応じラベル付けする');
    linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'a' });
    const rows = securityStandardTable(readBoard(doc), SEMINAR4_SCENARIO);
    expect(
      rows.map((r) => [r.assetName_ja, r.controlId, r.title_ja, r.implementation, r.buildsOn]),
    ).toEqual([
      [
        '顧客データベース',
        '5.12',
        '情報の分類',
        '情報内容を確認し個人情報とそれ以外の分類とする',
        [],
      ],
      [
        '顧客データベース',
        '5.13',
        '情報のラベル付け',
        '5.12で分類したものを重要度に応じラベル付けする',
        ['5.12'],
      ],
    ]);
  });
});
