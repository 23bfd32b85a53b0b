import { compareControlIds, getControl } from '../catalog/catalog';
import type { BoardState } from '../board/read';
import type { Scenario, ScenarioAsset } from '../scenario/schema';

export interface GroupBoard {
  groupId: string;
  groupName: string;
  board: BoardState;
}

export interface MergedChoice {
  groupId: string;
  groupName: string;
  placementId: string;
  note: string;
}

export interface MergedCell {
  controlId: string;
  title_ja: string;
  title_en: string;
  count: number;
  /** Share of groups that chose it, 0..1: the heat-map intensity. */
  share: number;
  choices: MergedChoice[];
  /** Only one group chose it: worth a question from the instructor. */
  unique: boolean;
  /** Part of the scenario's worked example for this asset. */
  inExample: boolean;
  exampleNote?: string;
}

export interface MergedAsset {
  asset: ScenarioAsset;
  cells: MergedCell[];
  groupsWithChoices: number;
  /**
   * 0 = every group chose the same controls, 1 = no two groups share one. Computed as
   * 1 − the mean pairwise Jaccard similarity of the groups' control sets.
   */
  disagreement: number;
}

export interface MergedView {
  groupCount: number;
  assets: MergedAsset[];
  /** Assets sorted by disagreement, most contested first. */
  mostContested: string[];
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const id of a) if (b.has(id)) shared++;
  return shared / (a.size + b.size - shared);
}

function disagreementOf(sets: ReadonlySet<string>[]): number {
  const chosen = sets.filter((set) => set.size > 0);
  if (chosen.length < 2) return 0;
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      total += jaccard(chosen[i] as Set<string>, chosen[j] as Set<string>);
      pairs++;
    }
  }
  return 1 - total / pairs;
}

/** Per asset × control: which groups chose it and their notes, side by side. */
export function mergedView(groups: readonly GroupBoard[], scenario: Scenario): MergedView {
  const example = scenario.example_answer;
  const assets = scenario.assets.map((asset): MergedAsset => {
    const cells = new Map<string, MergedCell>();
    const sets: Set<string>[] = [];
    for (const group of groups) {
      const chosen = new Set<string>();
      for (const placement of group.board.placements) {
        if (placement.assetId !== asset.id) continue;
        chosen.add(placement.controlId);
        let cell = cells.get(placement.controlId);
        if (!cell) {
          const control = getControl(placement.controlId);
          cell = {
            controlId: placement.controlId,
            title_ja: control?.title_ja ?? placement.controlId,
            title_en: control?.title_en ?? placement.controlId,
            count: 0,
            share: 0,
            choices: [],
            unique: false,
            inExample: false,
          };
          cells.set(placement.controlId, cell);
        }
        cell.choices.push({
          groupId: group.groupId,
          groupName: group.groupName,
          placementId: placement.id,
          note: placement.note,
        });
      }
      sets.push(chosen);
    }
    if (example?.asset === asset.id) {
      for (const row of example.rows) {
        const cell = cells.get(row.control);
        if (cell) {
          cell.inExample = true;
          cell.exampleNote = row.note_ja;
        }
      }
    }
    const sorted = [...cells.values()].map((cell) => ({
      ...cell,
      count: cell.choices.length,
      share: groups.length > 0 ? cell.choices.length / groups.length : 0,
      unique: cell.choices.length === 1,
    }));
    sorted.sort((a, b) => b.count - a.count || compareControlIds(a.controlId, b.controlId));
    return {
      asset,
      cells: sorted,
      groupsWithChoices: sets.filter((set) => set.size > 0).length,
      disagreement: disagreementOf(sets),
    };
  });
  const mostContested = [...assets]
    .filter((a) => a.groupsWithChoices >= 2)
    .sort((a, b) => b.disagreement - a.disagreement)
    .map((a) => a.asset.id);
  return { groupCount: groups.length, assets, mostContested };
}
