import { controlsOfTheme } from '../catalog/catalog';
import type { BoardState } from '../board/read';
import type { Applicability, ImplementationStatus } from '../board/schema';
import type { Scenario } from '../scenario/schema';
import type { GroupBoard } from './merged';

export interface SoaAssetRef {
  assetId: string;
  name_ja: string;
  name_en: string;
  risk_ja: string;
  risk_en: string;
}

/**
 * One line of the Statement of Applicability: the four elements ISO/IEC 27001:2022 6.1.3 d)
 * requires (the control, why included, whether implemented, why excluded) plus the assets.
 */
export interface SoaRow {
  controlId: string;
  title_ja: string;
  title_en: string;
  applicable: Applicability;
  /** True when `applicable` follows from placements rather than an explicit choice. */
  derived: boolean;
  /** Explicit text, or generated from the assets and risks the control addresses. */
  inclusionJustification_ja: string;
  inclusionJustification_en: string;
  exclusionJustification: string;
  status: ImplementationStatus | null;
  note: string;
  assets: SoaAssetRef[];
  /** Consolidated statements: the groups that included the control. */
  groups: string[];
}

function assetRefs(board: BoardState, scenario: Scenario, controlId: string): SoaAssetRef[] {
  const ids = new Set(
    board.placements.filter((p) => p.controlId === controlId).map((p) => p.assetId),
  );
  return scenario.assets
    .filter((asset) => ids.has(asset.id))
    .map((asset) => ({
      assetId: asset.id,
      name_ja: asset.name_ja,
      name_en: asset.name_en,
      risk_ja: asset.risk_ja,
      risk_en: asset.risk_en,
    }));
}

function generatedJustification(assets: SoaAssetRef[]) {
  if (assets.length === 0) return { ja: '', en: '' };
  return {
    ja: `リスク対応：${assets.map((a) => a.name_ja).join('、')}のリスクを低減するため`,
    en: `Risk treatment: reduces the risk to ${assets.map((a) => a.name_en).join(', ')}`,
  };
}

function themeControls(scenario: Scenario) {
  return controlsOfTheme(scenario.theme);
}

/** The Statement of Applicability of one group's board: every control of the scenario's theme. */
export function statementOfApplicability(board: BoardState, scenario: Scenario): SoaRow[] {
  return themeControls(scenario).map((control): SoaRow => {
    const entry = board.soa[control.id];
    const assets = assetRefs(board, scenario, control.id);
    const explicit =
      entry?.applicable && entry.applicable !== 'undecided' ? entry.applicable : null;
    const applicable: Applicability = explicit ?? (assets.length > 0 ? 'yes' : 'undecided');
    const generated = generatedJustification(assets);
    const justification = entry?.justification?.trim();
    return {
      controlId: control.id,
      title_ja: control.title_ja,
      title_en: control.title_en,
      applicable,
      derived: explicit === null,
      inclusionJustification_ja: applicable === 'yes' ? justification || generated.ja : '',
      inclusionJustification_en: applicable === 'yes' ? justification || generated.en : '',
      exclusionJustification: applicable === 'no' ? (entry?.exclusionReason ?? '') : '',
      status: entry?.status ?? null,
      note: entry?.note ?? '',
      assets,
      groups: applicable === 'yes' ? [board.meta.groupId] : [],
    };
  });
}

/**
 * The workshop's consolidated statement: a control is applicable when any group includes it;
 * excluded only when every group that decided excluded it. Justifications name the groups.
 */
export function consolidatedStatementOfApplicability(
  groups: readonly GroupBoard[],
  scenario: Scenario,
): SoaRow[] {
  const perGroup = groups.map((group) => ({
    group,
    rows: statementOfApplicability(group.board, scenario),
  }));
  return themeControls(scenario).map((control, index): SoaRow => {
    const rows = perGroup.map(({ group, rows }) => ({ group, row: rows[index] as SoaRow }));
    const including = rows.filter(({ row }) => row.applicable === 'yes');
    const excluding = rows.filter(({ row }) => row.applicable === 'no');
    const applicable: Applicability =
      including.length > 0 ? 'yes' : excluding.length > 0 ? 'no' : 'undecided';
    const assetsById = new Map<string, SoaAssetRef>();
    including.forEach(({ row }) =>
      row.assets.forEach((asset) => assetsById.set(asset.assetId, asset)),
    );
    const assets = scenario.assets.flatMap((a) => assetsById.get(a.id) ?? []);
    const statuses = including.map(({ row }) => row.status).filter((s) => s !== null);
    return {
      controlId: control.id,
      title_ja: control.title_ja,
      title_en: control.title_en,
      applicable,
      derived: rows.every(({ row }) => row.derived),
      inclusionJustification_ja: including
        .map(({ group, row }) => `${group.groupName}：${row.inclusionJustification_ja}`)
        .join('\n'),
      inclusionJustification_en: including
        .map(({ group, row }) => `${group.groupName}: ${row.inclusionJustification_en}`)
        .join('\n'),
      exclusionJustification:
        applicable === 'no'
          ? excluding
              .filter(({ row }) => row.exclusionJustification)
              .map(({ group, row }) => `${group.groupName}：${row.exclusionJustification}`)
              .join('\n')
          : '',
      status: statuses.includes('planned')
        ? 'planned'
        : statuses.includes('in-progress')
          ? 'in-progress'
          : (statuses[0] ?? null),
      note: '',
      assets,
      groups: including.map(({ group }) => group.groupName),
    };
  });
}
