import type { BoardState, PlacementState } from '../board/read';
import { diffText, type TextPart } from './textDiff';

/**
 * What changed on a board between a past version and now, as plain data (the instructor's time
 * slider shows it; tests and the server use the same function). Cards are matched by their
 * placement id, which survives moves, so a card moved to another lane is "moved", not
 * "removed + added".
 */
export interface CardChange {
  placementId: string;
  assetId: string;
  controlId: string;
}

export interface MovedCard extends CardChange {
  fromAssetId: string;
  /** Position in its lane then and now (0-based); equal assets with different index = reorder. */
  fromIndex: number;
  toIndex: number;
}

export interface NoteChange extends CardChange {
  before: string;
  after: string;
  parts: TextPart[];
}

export interface BoardChanges {
  /** Cards on the board now that were not there then. */
  added: CardChange[];
  /** Cards there then that are gone now. */
  removed: CardChange[];
  moved: MovedCard[];
  /** Notes of cards present both times whose text differs. */
  notes: NoteChange[];
  /** Statement-of-Applicability entries that differ (control ids). */
  soa: string[];
  linksAdded: number;
  linksRemoved: number;
}

function card(placement: PlacementState): CardChange {
  return {
    placementId: placement.id,
    assetId: placement.assetId,
    controlId: placement.controlId,
  };
}

/** Index of every placement within its lane (placements are sorted by asset, then order). */
function laneIndexes(placements: PlacementState[]): Map<string, number> {
  const indexes = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const placement of placements) {
    const index = counts.get(placement.assetId) ?? 0;
    counts.set(placement.assetId, index + 1);
    indexes.set(placement.id, index);
  }
  return indexes;
}

export function diffBoards(then: BoardState, now: BoardState): BoardChanges {
  const thenById = new Map(then.placements.map((placement) => [placement.id, placement]));
  const nowById = new Map(now.placements.map((placement) => [placement.id, placement]));
  const thenIndex = laneIndexes(then.placements);
  const nowIndex = laneIndexes(now.placements);
  const changes: BoardChanges = {
    added: now.placements.filter((placement) => !thenById.has(placement.id)).map(card),
    removed: then.placements.filter((placement) => !nowById.has(placement.id)).map(card),
    moved: [],
    notes: [],
    soa: [],
    linksAdded: 0,
    linksRemoved: 0,
  };
  for (const current of now.placements) {
    const past = thenById.get(current.id);
    if (!past) continue;
    const fromIndex = thenIndex.get(past.id)!;
    const toIndex = nowIndex.get(current.id)!;
    if (past.assetId !== current.assetId || fromIndex !== toIndex) {
      changes.moved.push({ ...card(current), fromAssetId: past.assetId, fromIndex, toIndex });
    }
    if (past.note !== current.note) {
      changes.notes.push({
        ...card(current),
        before: past.note,
        after: current.note,
        parts: diffText(past.note, current.note),
      });
    }
  }
  const controlIds = new Set([...Object.keys(then.soa), ...Object.keys(now.soa)]);
  for (const controlId of controlIds) {
    if (JSON.stringify(then.soa[controlId]) !== JSON.stringify(now.soa[controlId])) {
      changes.soa.push(controlId);
    }
  }
  const linkKey = (link: { from: string; to: string; label: string }) =>
    `${link.from}>${link.to}:${link.label}`;
  const thenLinks = new Set(then.links.map(linkKey));
  const nowLinks = new Set(now.links.map(linkKey));
  changes.linksAdded = [...nowLinks].filter((key) => !thenLinks.has(key)).length;
  changes.linksRemoved = [...thenLinks].filter((key) => !nowLinks.has(key)).length;
  return changes;
}

export function hasChanges(changes: BoardChanges): boolean {
  return (
    changes.added.length + changes.removed.length + changes.moved.length > 0 ||
    changes.notes.length + changes.soa.length + changes.linksAdded + changes.linksRemoved > 0
  );
}
