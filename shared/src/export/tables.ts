import type { Locale } from '../catalog/types';
import type { Applicability, ImplementationStatus } from '../board/schema';
import type { GroupBoard, MergedView } from '../readModels/merged';
import type { SecurityStandardRow } from '../readModels/securityStandard';
import type { SoaRow } from '../readModels/soa';
import type { ExportTable } from './table';

const APPLICABLE_MARK: Record<Applicability, string> = { yes: '○', no: '✕', undecided: '—' };

const STATUS_LABEL: Record<ImplementationStatus, { ja: string; en: string }> = {
  planned: { ja: '未実施（計画）', en: 'Planned' },
  'in-progress': { ja: '実施中', en: 'In progress' },
  implemented: { ja: '実施済', en: 'Implemented' },
};

export function statusLabel(status: ImplementationStatus | null, locale: Locale): string {
  return status ? STATUS_LABEL[status][locale] : '';
}

const t = (locale: Locale, ja: string, en: string) => (locale === 'ja' ? ja : en);

/** The security standard (対策基準) in the seed report's column layout. */
export function securityStandardExport(
  rows: SecurityStandardRow[],
  locale: Locale,
  title: string,
): ExportTable {
  return {
    title,
    columns: [
      { key: 'asset', header: t(locale, '情報資産', 'Asset'), width: 24 },
      { key: 'risk', header: t(locale, 'リスク', 'Risk'), width: 40 },
      { key: 'control', header: t(locale, '管理策No', 'Control No.'), width: 10 },
      { key: 'title', header: t(locale, '管理策', 'Control'), width: 32 },
      { key: 'implementation', header: t(locale, '実施内容', 'Implementation'), width: 60 },
      { key: 'buildsOn', header: t(locale, '関連（前提となる管理策）', 'Builds on'), width: 14 },
    ],
    rows: rows.map((row) => ({
      asset: locale === 'ja' ? row.assetName_ja : row.assetName_en,
      risk: locale === 'ja' ? row.risk_ja : row.risk_en,
      control: row.controlId,
      title: locale === 'ja' ? row.title_ja : row.title_en,
      implementation: row.implementation,
      buildsOn: row.buildsOn.join(', '),
    })),
  };
}

/** The Statement of Applicability (適用宣言書): every control of the theme. */
export function soaExport(
  rows: SoaRow[],
  locale: Locale,
  title: string,
  consolidated = false,
): ExportTable {
  const columns = [
    { key: 'control', header: t(locale, '管理策番号', 'Control'), width: 10 },
    { key: 'title', header: t(locale, '管理策名', 'Control name'), width: 32 },
    { key: 'applicable', header: t(locale, '適用（○/✕）', 'Applicable (○/✕)'), width: 10 },
    { key: 'inclusion', header: t(locale, '採用理由', 'Justification for inclusion'), width: 48 },
    { key: 'status', header: t(locale, '実施状況', 'Implementation status'), width: 14 },
    { key: 'exclusion', header: t(locale, '除外理由', 'Justification for exclusion'), width: 32 },
    { key: 'assets', header: t(locale, '対象資産', 'Linked assets'), width: 32 },
  ];
  if (consolidated)
    columns.push({ key: 'groups', header: t(locale, '採用グループ', 'Groups'), width: 20 });
  return {
    title,
    columns,
    rows: rows.map((row) => ({
      control: row.controlId,
      title: locale === 'ja' ? row.title_ja : row.title_en,
      applicable: APPLICABLE_MARK[row.applicable],
      inclusion: locale === 'ja' ? row.inclusionJustification_ja : row.inclusionJustification_en,
      status: statusLabel(row.status, locale),
      exclusion: row.exclusionJustification,
      assets: row.assets
        .map((a) => (locale === 'ja' ? a.name_ja : a.name_en))
        .join(locale === 'ja' ? '、' : ', '),
      groups: row.groups.join(locale === 'ja' ? '、' : ', '),
    })),
  };
}

/**
 * The merged view as a table (the report's comparison section): one row per asset × control
 * with the number of groups and every group's implementation content.
 */
export function mergedExport(
  view: MergedView,
  groups: readonly GroupBoard[],
  locale: Locale,
  title: string,
): ExportTable {
  return {
    title,
    columns: [
      { key: 'asset', header: t(locale, '情報資産', 'Asset'), width: 24 },
      { key: 'control', header: t(locale, '管理策No', 'Control No.'), width: 10 },
      { key: 'title', header: t(locale, '管理策', 'Control'), width: 30 },
      { key: 'count', header: t(locale, '選択グループ数', 'Groups'), width: 10 },
      ...groups.map((group) => ({ key: `g:${group.groupId}`, header: group.groupName, width: 36 })),
    ],
    rows: view.assets.flatMap(({ asset, cells }) =>
      cells.map((cell) => {
        const row: Record<string, string> = {
          asset: locale === 'ja' ? asset.name_ja : asset.name_en,
          control: cell.controlId,
          title: locale === 'ja' ? cell.title_ja : cell.title_en,
          count: `${cell.count}/${view.groupCount}`,
        };
        for (const group of groups) {
          const choice = cell.choices.find((c) => c.groupId === group.groupId);
          row[`g:${group.groupId}`] = choice
            ? choice.note || t(locale, '（実施内容なし）', '(no content)')
            : '';
        }
        return row;
      }),
    ),
  };
}
