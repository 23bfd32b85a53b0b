import { getControl } from '../catalog/catalog';
import type { BoardState, PlacementState } from '../board/read';
import type { FeedbackRecord } from '../board/records';
import type { Scenario, ScenarioAsset } from '../scenario/schema';

export interface LinkEnd {
  linkId: string;
  placementId: string;
  controlId: string;
  assetId: string;
  label: string;
}

export interface PlacementSummary {
  id: string;
  controlId: string;
  title_ja: string;
  title_en: string;
  note: string;
  placedBy: string;
  /** This card builds on… (e.g. 5.13's linksIn holds 5.12). */
  linksIn: LinkEnd[];
  /** Cards that build on this one. */
  linksOut: LinkEnd[];
  feedback: FeedbackRecord[];
}

export interface AssetSummary {
  asset: ScenarioAsset;
  required: number;
  placements: PlacementSummary[];
  overLimit: boolean;
  feedback: FeedbackRecord[];
}

export interface BoardSummary {
  assets: AssetSummary[];
  boardFeedback: FeedbackRecord[];
  /** Feedback whose anchor (card or asset) no longer exists; shown at board level, never lost. */
  detachedFeedback: FeedbackRecord[];
  locked: boolean;
}

/** Per asset, the ordered cards with titles, notes, links and feedback. */
export function boardSummary(board: BoardState, scenario: Scenario): BoardSummary {
  const byId = new Map<string, PlacementState>(board.placements.map((p) => [p.id, p]));
  const assetIds = new Set(scenario.assets.map((asset) => asset.id));
  const end = (linkId: string, placementId: string, label: string): LinkEnd | null => {
    const placement = byId.get(placementId);
    return placement
      ? { linkId, placementId, controlId: placement.controlId, assetId: placement.assetId, label }
      : null;
  };
  const feedbackFor = (match: (item: FeedbackRecord) => boolean) => board.feedback.filter(match);
  const assets = scenario.assets.map((asset): AssetSummary => {
    const placements = board.placements
      .filter((placement) => placement.assetId === asset.id)
      .map((placement): PlacementSummary => {
        const control = getControl(placement.controlId);
        return {
          id: placement.id,
          controlId: placement.controlId,
          title_ja: control?.title_ja ?? placement.controlId,
          title_en: control?.title_en ?? placement.controlId,
          note: placement.note,
          placedBy: placement.placedBy,
          linksIn: board.links
            .filter((link) => link.to === placement.id)
            .flatMap((link) => end(link.id, link.from, link.label) ?? []),
          linksOut: board.links
            .filter((link) => link.from === placement.id)
            .flatMap((link) => end(link.id, link.to, link.label) ?? []),
          feedback: feedbackFor(
            (item) => item.anchor.kind === 'placement' && item.anchor.placementId === placement.id,
          ),
        };
      });
    return {
      asset,
      required: scenario.controls_per_asset,
      placements,
      overLimit: placements.length > scenario.controls_per_asset,
      feedback: feedbackFor(
        (item) => item.anchor.kind === 'asset' && item.anchor.assetId === asset.id,
      ),
    };
  });
  const detachedFeedback = board.feedback.filter(
    (item) =>
      (item.anchor.kind === 'placement' && !byId.has(item.anchor.placementId)) ||
      (item.anchor.kind === 'asset' && !assetIds.has(item.anchor.assetId)),
  );
  return {
    assets,
    boardFeedback: board.feedback.filter((item) => item.anchor.kind === 'board'),
    detachedFeedback,
    locked: board.meta.locked,
  };
}
