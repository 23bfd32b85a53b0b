import { getControl } from '../catalog/catalog';
import { DenyReason } from '../protocol/messages';
import type { Scenario } from '../scenario/schema';
import { MAX_LINK_LABEL } from './commands/links';
import { MAX_NOTE_LENGTH } from './commands/notes';
import { MAX_SOA_TEXT } from './commands/soa';
import { offeredControls } from './context';
import { APPLICABILITY, BoardRoot, IMPLEMENTATION_STATUS } from './schema';

/**
 * The board schema as rules the server checks on every participant write (server/src/sync/
 * boardWrites.ts walks the Yjs items and asks these). Pure: a key or a field value in, a
 * `DenyReason` (or null) out. docs/PROTOCOL.md "What the server checks on every write" lists
 * them with what the client shows.
 */

/** Roots a participant may write; `meta` and `feedback` are the server's and instructors'. */
export const PARTICIPANT_ROOTS: ReadonlySet<string> = new Set([
  BoardRoot.placements,
  BoardRoot.notes,
  BoardRoot.links,
  BoardRoot.soa,
]);
export const INSTRUCTOR_ONLY_ROOTS: ReadonlySet<string> = new Set([
  BoardRoot.feedback,
  BoardRoot.meta,
]);

/**
 * Hard cap of cards one writer (one Yjs client id) may have on one asset. The scenario's
 * `controls_per_asset` (≤ 10, seminar 4: 3) stays a soft limit with a warning; this cap only
 * stops a hostile client from filling a lane with the whole catalog. It counts per writer
 * because a CRDT cannot stop two offline members from each adding cards: a writer's own cards
 * visible anywhere are a subset of those visible to it, which its commands kept ≤ the cap, so
 * an honest write never trips it (property-tested). 12 = the largest soft limit (10) + 2.
 */
export const MAX_CARDS_PER_ASSET = 12;

/**
 * A note may hold MAX_NOTE_LENGTH characters of one writer (same subset argument as above),
 * and in total this many times that: concurrent offline typists can together exceed the
 * single limit, a hostile client with forged client ids must not write a megabyte.
 * 4 writers each filling one note to 5,000 characters while offline from each other is far
 * beyond any observed session (notes average ~300 characters).
 */
export const NOTE_CONCURRENT_WRITERS = 4;
export const MAX_NOTE_TOTAL_LENGTH = MAX_NOTE_LENGTH * NOTE_CONCURRENT_WRITERS;

/** Longest name stored in a record (placedBy, createdBy, updatedBy): the token's name limit. */
export const MAX_MEMBER_NAME = 64;
/**
 * Longest fractional-index order key. Keys grow by about one character per insert at the same
 * spot without a rebalance; 1,024 is far beyond a lane's lifetime, and bounds hostile ones.
 */
export const MAX_ORDER_KEY = 1024;

/** Ids made by newId() (16 characters of base-32); older boards may hold other short ids. */
const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

export const PLACEMENT_FIELDS = [
  'id',
  'assetId',
  'controlId',
  'order',
  'placedBy',
  'placedAt',
] as const;
export const LINK_FIELDS = ['from', 'to', 'label', 'createdBy'] as const;
const LINK_REQUIRED = ['from', 'to'] as const;
export const SOA_FIELDS = [
  'applicable',
  'justification',
  'exclusionReason',
  'status',
  'note',
  'updatedBy',
] as const;

export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function controlReason(scenario: Scenario, controlId: string): DenyReason | null {
  if (!getControl(controlId)) return DenyReason.unknownControl;
  if (!offeredControls(scenario).has(controlId)) return DenyReason.controlNotInTheme;
  return null;
}

export function parseSlot(slot: string): { assetId: string; controlId: string } | null {
  const bar = slot.indexOf('|');
  if (bar <= 0 || bar !== slot.lastIndexOf('|')) return null;
  return { assetId: slot.slice(0, bar), controlId: slot.slice(bar + 1) };
}

export function parseLinkKey(key: string): { from: string; to: string } | null {
  const arrow = key.indexOf('>');
  if (arrow <= 0 || arrow !== key.lastIndexOf('>')) return null;
  const from = key.slice(0, arrow);
  const to = key.slice(arrow + 1);
  return isBoardId(from) && isBoardId(to) && from !== to ? { from, to } : null;
}

/** Whether `key` may name a new entry of participant root `root`. */
export function rootKeyDenial(scenario: Scenario, root: string, key: string): DenyReason | null {
  switch (root) {
    case BoardRoot.placements: {
      const slot = parseSlot(key);
      if (!slot) return DenyReason.invalidStructure;
      if (!scenario.assets.some((asset) => asset.id === slot.assetId)) {
        return DenyReason.unknownAsset;
      }
      return controlReason(scenario, slot.controlId);
    }
    case BoardRoot.notes:
      return isBoardId(key) ? null : DenyReason.invalidStructure;
    case BoardRoot.links:
      return parseLinkKey(key) ? null : DenyReason.invalidStructure;
    case BoardRoot.soa:
      return controlReason(scenario, key);
    default:
      return DenyReason.invalidStructure;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';

function textDenial(value: unknown, max: number): DenyReason | null {
  if (!isString(value)) return DenyReason.invalidStructure;
  return value.length > max ? DenyReason.textTooLong : null;
}

function placementFieldDenial(slot: string, field: string, value: unknown): DenyReason | null {
  const parsed = parseSlot(slot);
  switch (field) {
    case 'id':
      return isBoardId(value) ? null : DenyReason.invalidStructure;
    case 'assetId':
      return value === parsed?.assetId ? null : DenyReason.slotMismatch;
    case 'controlId':
      return value === parsed?.controlId ? null : DenyReason.slotMismatch;
    case 'order':
      return textDenial(value, MAX_ORDER_KEY);
    case 'placedBy':
      return textDenial(value, MAX_MEMBER_NAME);
    case 'placedAt':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : DenyReason.invalidStructure;
    default:
      return DenyReason.invalidStructure;
  }
}

function linkFieldDenial(key: string, field: string, value: unknown): DenyReason | null {
  const parsed = parseLinkKey(key);
  switch (field) {
    case 'from':
      return value === parsed?.from ? null : DenyReason.invalidStructure;
    case 'to':
      return value === parsed?.to ? null : DenyReason.invalidStructure;
    case 'label':
      return textDenial(value, MAX_LINK_LABEL);
    case 'createdBy':
      return textDenial(value, MAX_MEMBER_NAME);
    default:
      return DenyReason.invalidStructure;
  }
}

function soaFieldDenial(field: string, value: unknown): DenyReason | null {
  switch (field) {
    case 'applicable':
      return APPLICABILITY.includes(value as never) ? null : DenyReason.invalidStructure;
    case 'status':
      return IMPLEMENTATION_STATUS.includes(value as never) ? null : DenyReason.invalidStructure;
    case 'justification':
    case 'exclusionReason':
    case 'note':
      return textDenial(value, MAX_SOA_TEXT);
    case 'updatedBy':
      return textDenial(value, MAX_MEMBER_NAME);
    default:
      return DenyReason.invalidStructure;
  }
}

/** Whether `value` may be set as `field` of the record at `root`/`key`. */
export function fieldDenial(
  root: string,
  key: string,
  field: string,
  value: unknown,
): DenyReason | null {
  switch (root) {
    case BoardRoot.placements:
      return placementFieldDenial(key, field, value);
    case BoardRoot.links:
      return linkFieldDenial(key, field, value);
    case BoardRoot.soa:
      return soaFieldDenial(field, value);
    default:
      return DenyReason.invalidStructure;
  }
}

/**
 * Whether a record newly written at `root` is complete: a card needs every field (the read
 * models skip incomplete ones, so they would be invisible garbage), a link its two ends; an
 * SoA entry may be partial (one map key per field, written independently).
 */
export function recordDenial(root: string, get: (field: string) => unknown): DenyReason | null {
  const required: readonly string[] =
    root === BoardRoot.placements
      ? PLACEMENT_FIELDS
      : root === BoardRoot.links
        ? LINK_REQUIRED
        : [];
  return required.every((field) => get(field) !== undefined) ? null : DenyReason.invalidStructure;
}
