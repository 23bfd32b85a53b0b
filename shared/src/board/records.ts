import * as Y from 'yjs';
import type { Applicability, FeedbackAnchor, FeedbackKind, ImplementationStatus } from './schema';
import { APPLICABILITY, FEEDBACK_KINDS, IMPLEMENTATION_STATUS, boardRoots } from './schema';

/**
 * Plain-data views of the Yjs records. Readers are defensive: a field a hostile or older client
 * wrote with the wrong type reads as absent instead of breaking every read model.
 */
export interface PlacementRecord {
  id: string;
  slot: string;
  assetId: string;
  controlId: string;
  order: string;
  placedBy: string;
  placedAt: number;
}

export interface LinkRecord {
  id: string;
  from: string;
  to: string;
  label: string;
  createdBy: string;
}

export interface SoaEntryRecord {
  controlId: string;
  applicable?: Applicability;
  justification?: string;
  exclusionReason?: string;
  status?: ImplementationStatus;
  note?: string;
  updatedBy?: string;
}

export interface FeedbackRecord {
  id: string;
  author: string;
  text: string;
  anchor: FeedbackAnchor;
  kind: FeedbackKind;
  resolved: boolean;
  createdAt: number;
}

export interface BoardMeta {
  schemaVersion: number;
  workshopId: string;
  groupId: string;
  scenarioId: string;
  locked: boolean;
  /**
   * The room is in an agenda phase where participants only read (e.g. presentations). Mirrored
   * by the server like `locked`; the server's registry is the authority.
   */
  phaseReadOnly: boolean;
  /** The group marked itself 「完了」 (ready check), mirrored by the server. */
  done: boolean;
  /** The instructor allows taking the group's documents home, mirrored by the server. */
  takeHome: boolean;
}

const str = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;
const num = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = boardRoots(doc).meta;
  return {
    schemaVersion: num(meta.get('schemaVersion')),
    workshopId: str(meta.get('workshopId')),
    groupId: str(meta.get('groupId')),
    scenarioId: str(meta.get('scenarioId')),
    locked: meta.get('locked') === true,
    phaseReadOnly: meta.get('phaseReadOnly') === true,
    done: meta.get('done') === true,
    takeHome: meta.get('takeHome') === true,
  };
}

export function readPlacement(slot: string, map: Y.Map<unknown>): PlacementRecord | null {
  if (!(map instanceof Y.Map)) return null;
  const id = str(map.get('id'));
  const assetId = str(map.get('assetId'));
  const controlId = str(map.get('controlId'));
  // The slot key is authoritative for asset and control: it is what makes duplicates converge.
  if (!id || slot !== `${assetId}|${controlId}`) return null;
  return {
    id,
    slot,
    assetId,
    controlId,
    order: str(map.get('order'), 'a0'),
    placedBy: str(map.get('placedBy')),
    placedAt: num(map.get('placedAt')),
  };
}

export function readLink(id: string, map: Y.Map<unknown>): LinkRecord | null {
  if (!(map instanceof Y.Map)) return null;
  const from = str(map.get('from'));
  const to = str(map.get('to'));
  if (!from || !to) return null;
  return { id, from, to, label: str(map.get('label')), createdBy: str(map.get('createdBy')) };
}

export function readSoaEntry(controlId: string, map: Y.Map<unknown>): SoaEntryRecord | null {
  if (!(map instanceof Y.Map)) return null;
  const entry: SoaEntryRecord = { controlId };
  const applicable = oneOf(APPLICABILITY, map.get('applicable'));
  if (applicable) entry.applicable = applicable;
  const status = oneOf(IMPLEMENTATION_STATUS, map.get('status'));
  if (status) entry.status = status;
  for (const key of ['justification', 'exclusionReason', 'note', 'updatedBy'] as const) {
    const value = map.get(key);
    if (typeof value === 'string') entry[key] = value;
  }
  return entry;
}

function readAnchor(value: unknown): FeedbackAnchor {
  if (value && typeof value === 'object') {
    const anchor = value as Record<string, unknown>;
    if (anchor.kind === 'asset' && typeof anchor.assetId === 'string') {
      return { kind: 'asset', assetId: anchor.assetId };
    }
    if (anchor.kind === 'placement' && typeof anchor.placementId === 'string') {
      return { kind: 'placement', placementId: anchor.placementId };
    }
  }
  return { kind: 'board' };
}

export function readFeedback(id: string, map: Y.Map<unknown>): FeedbackRecord | null {
  if (!(map instanceof Y.Map)) return null;
  return {
    id,
    author: str(map.get('author')),
    text: str(map.get('text')),
    anchor: readAnchor(map.get('anchor')),
    kind: oneOf(FEEDBACK_KINDS, map.get('kind')) ?? 'comment',
    resolved: map.get('resolved') === true,
    createdAt: num(map.get('createdAt')),
  };
}
