import type { BoardState } from '../board/read';
import type { Scenario } from '../scenario/schema';

export interface AssetProgress {
  assetId: string;
  placed: number;
  required: number;
  notesWritten: number;
  overLimit: boolean;
  complete: boolean;
}

export interface BoardProgress {
  assets: AssetProgress[];
  /** Cards counted up to the per-asset requirement, so a 4th card on one lane does not hide a gap. */
  placed: number;
  required: number;
  notesWritten: number;
  completeAssets: number;
}

/** A note counts as written when it holds more than whitespace. */
export function isNoteWritten(note: string): boolean {
  return note.trim().length > 0;
}

export function boardProgress(board: BoardState, scenario: Scenario): BoardProgress {
  const required = scenario.controls_per_asset;
  const assets = scenario.assets.map((asset): AssetProgress => {
    const lane = board.placements.filter((placement) => placement.assetId === asset.id);
    const notesWritten = lane.filter((placement) => isNoteWritten(placement.note)).length;
    return {
      assetId: asset.id,
      placed: lane.length,
      required,
      notesWritten,
      overLimit: lane.length > required,
      complete: lane.length >= required && notesWritten >= required,
    };
  });
  return {
    assets,
    placed: assets.reduce((sum, a) => sum + Math.min(a.placed, a.required), 0),
    required: assets.length * required,
    notesWritten: assets.reduce((sum, a) => sum + Math.min(a.notesWritten, a.required), 0),
    completeAssets: assets.filter((a) => a.complete).length,
  };
}
