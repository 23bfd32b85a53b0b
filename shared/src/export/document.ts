import type { Locale } from '../catalog/types';
import type { GroupBoard } from '../readModels/merged';
import { mergedView } from '../readModels/merged';
import { securityStandardTable } from '../readModels/securityStandard';
import { consolidatedStatementOfApplicability, statementOfApplicability } from '../readModels/soa';
import type { Scenario } from '../scenario/schema';
import type { ExportTable } from './table';
import { mergedExport, securityStandardExport, soaExport } from './tables';

/**
 * The one export document (issue #12): the server's XLSX/CSV/Markdown writers and the client's
 * print page both render what this builds, so a file and a printout never disagree.
 */
export type DocumentKind = 'security-standard' | 'soa' | 'report';

/** A titled table inside a sheet, e.g. one asset of one group's report. */
export interface ExportBlock {
  heading?: string;
  /** Shown under the heading, e.g. the asset's risk. */
  caption?: string;
  table: ExportTable;
}

/** One XLSX sheet / one Markdown or CSV section / one printed page. */
export interface ExportSheet {
  /** Stable within a document (e.g. `report-g1`, `soa-all`); a sheet two kinds share once. */
  id: string;
  /** Sheet tab name (sanitised and shortened to 31 characters by the XLSX writer). */
  name: string;
  title: string;
  blocks: ExportBlock[];
}

/** A format-neutral export: every writer renders this. */
export interface ExportDocument {
  title: string;
  /** e.g. "2026-11-26 · 第4回 ISMS構築ワークショップ". */
  subtitle: string;
  sheets: ExportSheet[];
}

export interface ExportDocumentInput {
  /** One or more kinds, in order (the print page combines them; a file holds one). */
  kinds: readonly DocumentKind[];
  lang: Locale;
  scenario: Scenario;
  workshop: { title: string; date: string };
  /** The boards, already read; one group for a group's export. */
  groups: readonly GroupBoard[];
  /** `group`: the documents of the group(s) given; `workshop`: the workshop-wide layout. */
  scope: 'group' | 'workshop';
}

const t = (lang: Locale, ja: string, en: string) => (lang === 'ja' ? ja : en);

export const DOCUMENT_KIND_TITLE: Record<DocumentKind, { ja: string; en: string }> = {
  'security-standard': { ja: 'セキュリティ対策基準', en: 'Security standard' },
  soa: { ja: '適用宣言書', en: 'Statement of Applicability' },
  // As the seed report names it: 【発表資料の紹介】.
  report: { ja: '発表資料の紹介', en: 'Workshop report' },
};

const kindTitle = (kind: DocumentKind, lang: Locale) =>
  t(lang, DOCUMENT_KIND_TITLE[kind].ja, DOCUMENT_KIND_TITLE[kind].en);

/** The columns of the report's per-asset table, as in the seed report: 管理策No | 管理策 | 実施内容. */
const REPORT_COLUMNS = ['control', 'title', 'implementation'];

function standardTable(group: GroupBoard, scenario: Scenario, lang: Locale): ExportTable {
  const title = `${kindTitle('security-standard', lang)} — ${group.groupName}`;
  return securityStandardExport(securityStandardTable(group.board, scenario), lang, title);
}

function soaTable(group: GroupBoard, scenario: Scenario, lang: Locale): ExportTable {
  const title = `${kindTitle('soa', lang)} — ${group.groupName}`;
  return soaExport(statementOfApplicability(group.board, scenario), lang, title);
}

function tableSheet(id: string, name: string, table: ExportTable): ExportSheet {
  return { id, name, title: table.title, blocks: [{ table }] };
}

function consolidatedSoaSheet(groups: readonly GroupBoard[], scenario: Scenario, lang: Locale) {
  const title = t(lang, '適用宣言書（全グループ統合）', 'Statement of Applicability (all groups)');
  const rows = consolidatedStatementOfApplicability(groups, scenario);
  const table = soaExport(rows, lang, title, true);
  return tableSheet('soa-all', t(lang, '適用宣言書（統合）', 'SoA (all groups)'), table);
}

function mergedSheet(groups: readonly GroupBoard[], scenario: Scenario, lang: Locale) {
  const title = t(lang, 'グループ比較（全グループの選択）', 'Comparison of all groups');
  const table = mergedExport(mergedView(groups, scenario), groups, lang, title);
  return tableSheet('merged', t(lang, 'グループ比較', 'Comparison'), table);
}

/**
 * The seed report's 発表資料の紹介: per asset, the group's 管理策No | 管理策 | 実施内容. Cut from
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
  return {
    id: `report-${group.groupId}`,
    name: group.groupName,
    title: `${kindTitle('report', lang)} — ${group.groupName}`,
    blocks,
  };
}

/** The whole workshop's security standard as one table with the group in the first column. */
function workshopStandardSheet(groups: readonly GroupBoard[], scenario: Scenario, lang: Locale) {
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
  return tableSheet('standard-all', t(lang, '対策基準', 'Security standard'), table);
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
        takeHome: false,
      },
      placements: [],
      links: [],
      soa: {},
      feedback: [],
    },
  };
}

function groupSheets(kind: DocumentKind, group: GroupBoard, scenario: Scenario, lang: Locale) {
  const soa = tableSheet(
    `soa-${group.groupId}`,
    t(lang, '適用宣言書', 'SoA'),
    soaTable(group, scenario, lang),
  );
  switch (kind) {
    case 'security-standard':
      return [
        tableSheet(
          `standard-${group.groupId}`,
          group.groupName,
          standardTable(group, scenario, lang),
        ),
      ];
    case 'soa':
      return [{ ...soa, name: group.groupName }];
    case 'report':
      return [reportSheet(group, scenario, lang), soa];
  }
}

function workshopSheets(
  kind: DocumentKind,
  groups: readonly GroupBoard[],
  scenario: Scenario,
  lang: Locale,
): ExportSheet[] {
  switch (kind) {
    case 'security-standard':
      return [workshopStandardSheet(groups, scenario, lang)];
    case 'soa':
      return [consolidatedSoaSheet(groups, scenario, lang)];
    case 'report':
      return [
        ...groups.map((group) => reportSheet(group, scenario, lang)),
        mergedSheet(groups, scenario, lang),
        consolidatedSoaSheet(groups, scenario, lang),
      ];
  }
}

export function buildExportDocument(input: ExportDocumentInput): ExportDocument {
  const { kinds, lang, scenario, groups, scope } = input;
  const sheets: ExportSheet[] = [];
  const seen = new Set<string>();
  for (const kind of kinds) {
    const made =
      scope === 'workshop'
        ? workshopSheets(kind, groups, scenario, lang)
        : groups.flatMap((group) => groupSheets(kind, group, scenario, lang));
    for (const sheet of made) {
      // A report already holds the SoA it shares with the soa kind: print it once.
      if (seen.has(sheet.id)) continue;
      seen.add(sheet.id);
      sheets.push(sheet);
    }
  }
  const scopeName =
    scope === 'workshop'
      ? t(lang, '全グループ', 'all groups')
      : groups.map((g) => g.groupName).join('・');
  return {
    title: `${kinds.map((kind) => kindTitle(kind, lang)).join('・')} — ${scopeName}`,
    subtitle: `${input.workshop.date} · ${input.workshop.title}`,
    sheets,
  };
}
