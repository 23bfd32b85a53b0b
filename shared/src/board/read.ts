import * as Y from 'yjs';
import { boardRoots } from './schema';
import {
  type BoardMeta,
  type FeedbackRecord,
  type LinkRecord,
  type PlacementRecord,
  type SoaEntryRecord,
  readFeedback,
  readLink,
  readMeta,
  readPlacement,
  readSoaEntry,
} from './records';
import { compareOrdered } from './order';
import { compareControlIds } from '../catalog/catalog';

/** A placement with its note text, as plain data. */
export interface PlacementState extends PlacementRecord {
  note: string;
}

/**
 * The whole board as plain data: the single input of every read model. Produced by readBoard()
 * on any replica (client store, server export, tests) so nothing computes it twice.
 */
export interface BoardState {
  meta: BoardMeta;
  /** Sorted by asset, then lane order. */
  placements: PlacementState[];
  /** Only links whose both ends exist (links to removed cards are ignored, not errors). */
  links: LinkRecord[];
  soa: Record<string, SoaEntryRecord>;
  feedback: FeedbackRecord[];
}

export function listPlacements(doc: Y.Doc): PlacementRecord[] {
  const placements: PlacementRecord[] = [];
  boardRoots(doc).placements.forEach((map, slot) => {
    const record = readPlacement(slot, map);
    if (record) placements.push(record);
  });
  return placements.sort((a, b) =>
    a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : compareOrdered(a, b),
  );
}

export function findPlacement(doc: Y.Doc, placementId: string): PlacementRecord | undefined {
  return listPlacements(doc).find((placement) => placement.id === placementId);
}

export function laneOf(doc: Y.Doc, assetId: string): PlacementRecord[] {
  return listPlacements(doc).filter((placement) => placement.assetId === assetId);
}

/** The collaborative text of a placement's note, for editor bindings to observe. */
export function noteText(doc: Y.Doc, placementId: string): Y.Text | undefined {
  const text = boardRoots(doc).notes.get(placementId);
  return text instanceof Y.Text ? text : undefined;
}

export function readBoard(doc: Y.Doc): BoardState {
  const roots = boardRoots(doc);
  const placements = listPlacements(doc).map((placement) => ({
    ...placement,
    note: noteText(doc, placement.id)?.toString() ?? '',
  }));
  const placementIds = new Set(placements.map((placement) => placement.id));
  const links: LinkRecord[] = [];
  roots.links.forEach((map, id) => {
    const link = readLink(id, map);
    if (link && placementIds.has(link.from) && placementIds.has(link.to)) links.push(link);
  });
  links.sort((a, b) => (a.id < b.id ? -1 : 1));
  // Y.Map iteration follows local insertion order, which differs between replicas: sort so
  // every replica produces the identical plain state.
  const soa: Record<string, SoaEntryRecord> = {};
  for (const controlId of [...roots.soa.keys()].sort(compareControlIds)) {
    const entry = readSoaEntry(controlId, roots.soa.get(controlId) as Y.Map<unknown>);
    if (entry) soa[controlId] = entry;
  }
  const feedback: FeedbackRecord[] = [];
  roots.feedback.forEach((map, id) => {
    const item = readFeedback(id, map);
    if (item) feedback.push(item);
  });
  feedback.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { meta: readMeta(doc), placements, links, soa, feedback };
}
