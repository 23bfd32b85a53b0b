import type { BoardState } from '../board/read';
import type { Scenario } from '../scenario/schema';
import { boardSummary } from './summary';

/** One row of the security standard (対策基準): the seed report's 管理策No | 管理策 | 実施内容. */
export interface SecurityStandardRow {
  assetId: string;
  assetName_ja: string;
  assetName_en: string;
  risk_ja: string;
  risk_en: string;
  controlId: string;
  title_ja: string;
  title_en: string;
  implementation: string;
  /** Controls this one builds on, e.g. ["5.12"] for 5.13. */
  buildsOn: string[];
}

export function securityStandardTable(
  board: BoardState,
  scenario: Scenario,
): SecurityStandardRow[] {
  return boardSummary(board, scenario).assets.flatMap(({ asset, placements }) =>
    placements.map((placement) => ({
      assetId: asset.id,
      assetName_ja: asset.name_ja,
      assetName_en: asset.name_en,
      risk_ja: asset.risk_ja,
      risk_en: asset.risk_en,
      controlId: placement.controlId,
      title_ja: placement.title_ja,
      title_en: placement.title_en,
      implementation: placement.note,
      buildsOn: placement.linksIn.map((link) => link.controlId),
    })),
  );
}
