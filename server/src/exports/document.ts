import {
  type ExportTable,
  type GroupBoard,
  type Locale,
  type Scenario,
  consolidatedStatementOfApplicability,
  mergedExport,
  mergedView,
  readBoard,
  securityStandardExport,
  securityStandardTable,
  soaExport,
  statementOfApplicability,
} from '@isms/shared';
import type { DocumentKind, ExportBlock, ExportDocument, ExportInput, ExportSheet } from './types';

const t = (lang: Locale, ja: string, en: string) => (lang === 'ja' ? ja : en);

export const KIND_TITLE: Record<DocumentKind, { ja: string; en: string }> = {
  'security-standard': { ja: 'セキュリティ対策基準', en: 'Security standard' },
  soa: { ja: '適用宣言書', en: 'Statement of Applicability' },
  report: { ja: '発表資料の紹介', en: 'Workshop report' },
};

/** The columns of the report's per-asset table, as in the seed report: 管理策No | 管理策 | 実施内容. */
const REPORT_COLUMNS = ['control', 'title', 'implementation'];

/** Reads every selected board once; the single input of all tables below. */
function groupBoards(input: ExportInput): GroupBoard[] {
  const boards =
    input.groupId === null ? input.boards : input.boards.filter((b) => b.groupId === input.groupId);
  if (input.groupId !== null && boards.length === 0) {
    throw new Error(`group "${input.groupId}" is not part of workshop ${input.workshop.id}`);
  }
  return boards.map((b) => ({
    groupId: b.groupId,
    groupName: b.groupName,
    board: readBoard(b.doc),
  }));
}

function standardTable(group: GroupBoard, scenario: Scenario, lang: Locale): ExportTable {
  const title = `${t(lang, KIND_TITLE['security-standard'].ja, KIND_TITLE['security-standard'].en)} — ${group.groupName}`;
  return securityStandardExport(securityStandardTable(group.board, scenario), lang, title);
}

function soaTable(group: GroupBoard, scenario: Scenario, lang: Locale): ExportTable {
  const title = `${t(lang, KIND_TITLE.soa.ja, KIND_TITLE.soa.en)} — ${group.groupName}`;
  return soaExport(statementOfApplicability(group.board, scenario), lang, title);
}

function consolidatedSoaSheet(groups: GroupBoard[], scenario: Scenario, lang: Locale) {
  const title = t(lang, '適用宣言書（全グループ統合）', 'Statement of Applicability (all groups)');
  const rows = consolidatedStatementOfApplicability(groups, scenario);
  const table = soaExport(rows, lang, title, true);
  return { name: t(lang, '適用宣言書（統合）', 'SoA (all groups)'), title, blocks: [{ table }] };
}

function mergedSheet(groups: GroupBoard[], scenario: Scenario, lang: Locale): ExportSheet {
  const title = t(lang, 'グループ比較（全グループの選択）', 'Comparison of all groups');
  const table = mergedExport(mergedView(groups, scenario), groups, lang, title);
  return { name: t(lang, 'グループ比較', 'Comparison'), title, blocks: [{ table }] };
}

/**
 * The seed report's "発表資料の紹介": per asset, the group's 管理策No | 管理策 | 実施内容. Cut from
 * the security-standard export so both documents always agree.
 */
function reportSheet(group: GroupBoard, scenario: Scenario, lang: Locale): ExportSheet {
  const rows = securityStandardTable(group.board, scenario);
  const full = securityStandardExport(rows, lang, group.groupName);
  const columns = full.columns.filter((c) => REPORT_COLUMNS.includes(c.key));
  const blocks: ExportBlock[] = scenario.assets.map((asset, index) => ({
    heading: `${t(lang, '資産', 'Asset')} ${index + 1}: ${t(lang, asset.name_ja, asset.name_en)}`,
    caption: t(lang, asset.risk_ja, asset.risk_en),
    table: {
      title: t(lang, asset.name_ja, asset.name_en),
      columns,
      rows: full.rows.filter((_, rowIndex) => rows[rowIndex]?.assetId === asset.id),
    },
  }));
  return { name: group.groupName, title: `${group.groupName}`, blocks };
}

/** The whole workshop's security standard as one table with the group in the first column. */
function workshopStandardSheet(groups: GroupBoard[], scenario: Scenario, lang: Locale) {
  const title = t(lang, 'セキュリティ対策基準（全グループ）', 'Security standard (all groups)');
  const tables = groups.map((group) => ({ group, table: standardTable(group, scenario, lang) }));
  const table: ExportTable = {
    title,
    columns: [
      { key: 'group', header: t(lang, 'グループ', 'Group'), width: 12 },
      ...(tables[0]?.table.columns ?? standardTable(emptyGroup(), scenario, lang).columns),
    ],
    rows: tables.flatMap(({ group, table }) =>
      table.rows.map((row) => ({ group: group.groupName, ...row })),
    ),
  };
  return { name: t(lang, '対策基準', 'Security standard'), title, blocks: [{ table }] };
}

function emptyGroup(): GroupBoard {
  return {
    groupId: '',
    groupName: '',
    board: {
      meta: {
        schemaVersion: 0,
        workshopId: '',
        groupId: '',
        scenarioId: '',
        locked: false,
        phaseReadOnly: false,
        done: false,
      },
      placements: [],
      links: [],
      soa: {},
      feedback: [],
    },
  };
}

function sheetsFor(input: ExportInput, groups: GroupBoard[]): ExportSheet[] {
  const { scenario } = input.workshop;
  const { lang } = input;
  const perGroup = input.groupId !== null;
  switch (input.kind) {
    case 'security-standard':
      return perGroup
        ? groups.map((g) => ({
            name: g.groupName,
            title: standardTable(g, scenario, lang).title,
            blocks: [{ table: standardTable(g, scenario, lang) }],
          }))
        : [workshopStandardSheet(groups, scenario, lang)];
    case 'soa':
      return perGroup
        ? groups.map((g) => ({
            name: g.groupName,
            title: soaTable(g, scenario, lang).title,
            blocks: [{ table: soaTable(g, scenario, lang) }],
          }))
        : [consolidatedSoaSheet(groups, scenario, lang)];
    case 'report':
      return perGroup
        ? groups.flatMap((g) => [
            reportSheet(g, scenario, lang),
            {
              name: t(lang, '適用宣言書', 'SoA'),
              title: soaTable(g, scenario, lang).title,
              blocks: [{ table: soaTable(g, scenario, lang) }],
            },
          ])
        : [
            ...groups.map((g) => reportSheet(g, scenario, lang)),
            mergedSheet(groups, scenario, lang),
            consolidatedSoaSheet(groups, scenario, lang),
          ];
  }
}

export function buildExportDocument(input: ExportInput): ExportDocument {
  const groups = groupBoards(input);
  const kindTitle = t(input.lang, KIND_TITLE[input.kind].ja, KIND_TITLE[input.kind].en);
  const scope =
    input.groupId === null ? t(input.lang, '全グループ', 'all groups') : groups[0]?.groupName;
  return {
    title: `${kindTitle} — ${scope}`,
    subtitle: `${input.workshop.date} · ${input.workshop.title}`,
    sheets: sheetsFor(input, groups),
  };
}
