import * as Y from 'yjs';
import { listPlacements, type BoardState, type PlacementState } from '../board/read';
import type { PlacementRecord, SoaEntryRecord } from '../board/records';
import { ServerOrigin } from '../board/origins';
import { type CommandResult, fail, ok } from '../board/result';
import { boardRoots, type BoardRoots } from '../board/schema';
import { textEdits } from './textDiff';

/**
 * "Restore this version": writes a past version's content into the live board as a NEW edit
 * (one transaction, server origin), so it syncs to everyone like any edit and can itself be
 * undone by restoring the version taken just before it. It only writes what differs, key by
 * key and character by character: anything a participant adds while the restore runs (a new
 * card, text typed into a note) is concurrent with it and survives the merge.
 *
 * Scopes: the whole board (cards, notes, links, Statement of Applicability — not the lock and
 * not the instructor's feedback), one asset lane (its cards and their notes), or one note.
 */
export type RestoreScope =
  { kind: 'board' } | { kind: 'asset'; assetId: string } | { kind: 'note'; placementId: string };

export interface RestoreSummary {
  cardsRestored: number;
  cardsRemoved: number;
  cardsMoved: number;
  notesRestored: number;
}

function inScope(scope: RestoreScope, placement: { id: string; assetId: string }): boolean {
  switch (scope.kind) {
    case 'board':
      return true;
    case 'asset':
      return placement.assetId === scope.assetId;
    case 'note':
      return placement.id === scope.placementId;
  }
}

function writePlacement(roots: BoardRoots, placement: PlacementState): void {
  const record = new Y.Map<unknown>();
  record.set('id', placement.id);
  record.set('assetId', placement.assetId);
  record.set('controlId', placement.controlId);
  record.set('order', placement.order);
  record.set('placedBy', placement.placedBy);
  record.set('placedAt', placement.placedAt);
  roots.placements.set(placement.slot, record);
}

function restoreNote(roots: BoardRoots, placementId: string, value: string): boolean {
  let text = roots.notes.get(placementId);
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    roots.notes.set(placementId, text);
  }
  const edits = textEdits(text.toString(), value);
  for (const edit of edits) {
    if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
    if (edit.insert.length > 0) text.insert(edit.index, edit.insert);
  }
  return edits.length > 0;
}

/** Puts every in-scope card of `version` back where it was; removes in-scope cards it lacked. */
function restorePlacements(
  roots: BoardRoots,
  current: PlacementRecord[],
  wanted: PlacementState[],
  scope: RestoreScope,
  summary: RestoreSummary,
): void {
  const wantedIds = new Set(wanted.map((placement) => placement.id));
  if (scope.kind !== 'note') {
    for (const placement of current) {
      if (inScope(scope, placement) && !wantedIds.has(placement.id)) {
        roots.placements.delete(placement.slot);
        summary.cardsRemoved += 1;
      }
    }
  }
  for (const placement of wanted) {
    const now = current.filter((candidate) => candidate.id === placement.id);
    const atSlot = now.find((candidate) => candidate.slot === placement.slot);
    if (scope.kind === 'note' && now.length > 0) {
      // Restoring a note leaves its card where it is now.
    } else if (atSlot) {
      if (atSlot.order !== placement.order) {
        roots.placements.get(placement.slot)?.set('order', placement.order);
        summary.cardsMoved += 1;
      }
    } else {
      // Another card holding the slot now (same control placed again) gives way to the old one.
      for (const moved of now) roots.placements.delete(moved.slot);
      writePlacement(roots, placement);
      if (now.length > 0) summary.cardsMoved += 1;
      else summary.cardsRestored += 1;
    }
    if (restoreNote(roots, placement.id, placement.note)) summary.notesRestored += 1;
  }
}

function restoreLinks(roots: BoardRoots, version: BoardState): void {
  const wanted = new Map(version.links.map((link) => [link.id, link]));
  roots.links.forEach((_, linkId) => {
    if (!wanted.has(linkId)) roots.links.delete(linkId);
  });
  for (const link of version.links) {
    const existing = roots.links.get(link.id);
    if (existing instanceof Y.Map && existing.get('from') === link.from) {
      if (existing.get('to') === link.to && existing.get('label') === link.label) continue;
    }
    const record = new Y.Map<unknown>();
    record.set('from', link.from);
    record.set('to', link.to);
    record.set('label', link.label);
    record.set('createdBy', link.createdBy);
    roots.links.set(link.id, record);
  }
}

const SOA_FIELDS = [
  'applicable',
  'justification',
  'exclusionReason',
  'status',
  'note',
  'updatedBy',
] as const satisfies readonly (keyof SoaEntryRecord)[];

function restoreSoa(roots: BoardRoots, version: BoardState): void {
  roots.soa.forEach((_, controlId) => {
    if (!version.soa[controlId]) roots.soa.delete(controlId);
  });
  for (const [controlId, entry] of Object.entries(version.soa)) {
    let map = roots.soa.get(controlId);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      roots.soa.set(controlId, map);
    }
    for (const field of SOA_FIELDS) {
      const value = entry[field];
      if (value === undefined) {
        if (map.has(field)) map.delete(field);
      } else if (map.get(field) !== value) {
        map.set(field, value);
      }
    }
  }
}

/**
 * Restores `scope` of `version` (a past readBoard()) into `doc`. The instructor's command: it
 * ignores the lock (instructors lock to stop participants, not themselves).
 */
export function restoreVersion(
  doc: Y.Doc,
  version: BoardState,
  scope: RestoreScope,
): CommandResult<RestoreSummary> {
  const wanted = version.placements.filter((placement) => inScope(scope, placement));
  if (scope.kind === 'note' && wanted.length === 0) {
    return fail('not-found', 'the card did not exist in that version');
  }
  const summary: RestoreSummary = {
    cardsRestored: 0,
    cardsRemoved: 0,
    cardsMoved: 0,
    notesRestored: 0,
  };
  const roots = boardRoots(doc);
  doc.transact(
    () => {
      restorePlacements(roots, listPlacements(doc), wanted, scope, summary);
      if (scope.kind === 'board') {
        restoreLinks(roots, version);
        restoreSoa(roots, version);
      }
    },
    new ServerOrigin(`restore-${scope.kind}`),
  );
  return ok(summary);
}
