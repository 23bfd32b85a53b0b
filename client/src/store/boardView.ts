import {
  type BoardMeta,
  type BoardState,
  type FeedbackRecord,
  type PlacementSummary,
  type Scenario,
  type ScenarioAsset,
  type SoaRow,
  boardSummary,
  isNewerSchemaVersion,
  statementOfApplicability,
} from '@isms/shared';

/** One asset lane: the cards are ids, so a note edit re-renders the card, not the lane. */
export interface LaneView {
  asset: ScenarioAsset;
  required: number;
  placementIds: string[];
  /** Control ids on this lane, for "already placed" checks in menus. */
  controlIds: string[];
  overLimit: boolean;
  feedback: FeedbackRecord[];
}

export interface CardView extends PlacementSummary {
  assetId: string;
}

/** Everything the board screen shows, as plain data derived from the Y.Doc. */
export interface BoardView {
  meta: BoardMeta;
  /** Nothing on the board can be edited here (see readOnlyReason). */
  locked: boolean;
  /**
   * Why: the instructor locked it, or a newer server migrated it past this app's schema (a
   * stale page; reloading fetches the new app).
   */
  readOnlyReason: 'locked' | 'phase' | 'newer-schema' | null;
  lanes: LaneView[];
  cards: Record<string, CardView>;
  /** controlId → the assets it is placed on (palette badges, related suggestions). */
  controlUse: Record<string, string[]>;
  soa: SoaRow[];
  boardFeedback: FeedbackRecord[];
  detachedFeedback: FeedbackRecord[];
  /** Ids of every unresolved feedback, oldest first (drives the "new feedback" notice). */
  openFeedbackIds: string[];
}

export function boardView(board: BoardState, scenario: Scenario): BoardView {
  const summary = boardSummary(board, scenario);
  const newerSchema = isNewerSchemaVersion(board.meta.schemaVersion);
  const cards: Record<string, CardView> = {};
  const controlUse: Record<string, string[]> = {};
  const lanes = summary.assets.map((lane): LaneView => {
    for (const card of lane.placements) {
      cards[card.id] = { ...card, assetId: lane.asset.id };
      (controlUse[card.controlId] ??= []).push(lane.asset.id);
    }
    return {
      asset: lane.asset,
      required: lane.required,
      placementIds: lane.placements.map((card) => card.id),
      controlIds: lane.placements.map((card) => card.controlId),
      overLimit: lane.overLimit,
      feedback: lane.feedback,
    };
  });
  return {
    meta: board.meta,
    locked: summary.locked || newerSchema || board.meta.phaseReadOnly,
    readOnlyReason: newerSchema
      ? 'newer-schema'
      : summary.locked
        ? 'locked'
        : board.meta.phaseReadOnly
          ? 'phase'
          : null,
    lanes,
    cards,
    controlUse,
    soa: statementOfApplicability(board, scenario),
    boardFeedback: summary.boardFeedback,
    detachedFeedback: summary.detachedFeedback,
    openFeedbackIds: board.feedback.filter((item) => !item.resolved).map((item) => item.id),
  };
}
