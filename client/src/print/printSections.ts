import {
  type ExportTable,
  type GroupBoard,
  type Locale,
  type Scenario,
  consolidatedStatementOfApplicability,
  mergedExport,
  mergedView,
  securityStandardExport,
  securityStandardTable,
  soaExport,
  statementOfApplicability,
} from '@isms/shared';

export type PrintPart = 'security-standard' | 'soa' | 'report';

/** One printed section: starts on a new page. */
export interface PrintSection {
  id: string;
  title: string;
  blocks: { heading?: string; caption?: string; table: ExportTable }[];
}

const t = (lang: Locale, ja: string, en: string) => (lang === 'ja' ? ja : en);
/** The seed report's columns: 管理策No | 管理策 | 実施内容. */
const REPORT_COLUMNS = ['control', 'title', 'implementation'];

function reportBlocks(group: GroupBoard, scenario: Scenario, lang: Locale) {
  const rows = securityStandardTable(group.board, scenario);
  const table = securityStandardExport(rows, lang, group.groupName);
  const columns = table.columns.filter((column) => REPORT_COLUMNS.includes(column.key));
  return scenario.assets.map((asset, index) => ({
    heading: `${index + 1}. ${t(lang, asset.name_ja, asset.name_en)}`,
    caption: t(lang, asset.risk_ja, asset.risk_en),
    table: {
      title: asset.id,
      columns,
      rows: table.rows.filter((_, rowIndex) => rows[rowIndex]?.assetId === asset.id),
    },
  }));
}

/**
 * The print page's sections, from the same shared export tables the server's XLSX/CSV use:
 * per group the security standard / SoA / report tables, then the workshop-wide ones.
 */
export function printSections(
  groups: GroupBoard[],
  scenario: Scenario,
  lang: Locale,
  parts: ReadonlySet<PrintPart>,
): PrintSection[] {
  const sections: PrintSection[] = [];
  for (const group of groups) {
    if (parts.has('report')) {
      const title = `${t(lang, '発表資料', 'Report')} — ${group.groupName}`;
      sections.push({
        id: `report-${group.groupId}`,
        title,
        blocks: reportBlocks(group, scenario, lang),
      });
    }
    if (parts.has('security-standard')) {
      const title = `${t(lang, 'セキュリティ対策基準', 'Security standard')} — ${group.groupName}`;
      const table = securityStandardExport(
        securityStandardTable(group.board, scenario),
        lang,
        title,
      );
      sections.push({ id: `standard-${group.groupId}`, title, blocks: [{ table }] });
    }
    if (parts.has('soa')) {
      const title = `${t(lang, '適用宣言書', 'Statement of Applicability')} — ${group.groupName}`;
      const table = soaExport(statementOfApplicability(group.board, scenario), lang, title);
      sections.push({ id: `soa-${group.groupId}`, title, blocks: [{ table }] });
    }
  }
  if (parts.has('report') && groups.length > 1) {
    const title = t(lang, 'グループ比較', 'Comparison of all groups');
    const table = mergedExport(mergedView(groups, scenario), groups, lang, title);
    sections.push({ id: 'merged', title, blocks: [{ table }] });
  }
  if (parts.has('soa') && groups.length > 1) {
    const title = t(
      lang,
      '適用宣言書（全グループ統合）',
      'Statement of Applicability (all groups)',
    );
    const rows = consolidatedStatementOfApplicability(groups, scenario);
    sections.push({
      id: 'soa-all',
      title,
      blocks: [{ table: soaExport(rows, lang, title, true) }],
    });
  }
  return sections;
}
