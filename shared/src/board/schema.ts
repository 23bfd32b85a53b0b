import type * as Y from 'yjs';

/**
 * The Yjs layout of one group board. See docs/board-schema.md for the design and the reasons.
 * Only the commands in this folder write these types; everything else reads through readBoard().
 */
export const BOARD_SCHEMA_VERSION = 2;

export const BoardRoot = {
  meta: 'meta',
  placements: 'placements',
  notes: 'notes',
  links: 'links',
  soa: 'soa',
  feedback: 'feedback',
} as const;

export const APPLICABILITY = ['yes', 'no', 'undecided'] as const;
export type Applicability = (typeof APPLICABILITY)[number];

export const IMPLEMENTATION_STATUS = ['planned', 'in-progress', 'implemented'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUS)[number];

export type FeedbackAnchor =
  | { kind: 'board' }
  | { kind: 'asset'; assetId: string }
  | { kind: 'placement'; placementId: string };

export const FEEDBACK_KINDS = ['comment', 'good-example'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/**
 * A placement lives in `placements` under the slot key "<assetId>|<controlId>", so two members
 * placing the same control on the same asset at once write the same key and converge to one
 * card. Its stable `id` survives moves (a move re-keys the slot) and keys the note, links and
 * feedback anchors, so a move concurrent with typing loses nothing.
 */
export function slotKey(assetId: string, controlId: string): string {
  return `${assetId}|${controlId}`;
}

export function boardRoots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(BoardRoot.meta),
    placements: doc.getMap<Y.Map<unknown>>(BoardRoot.placements),
    notes: doc.getMap<Y.Text>(BoardRoot.notes),
    links: doc.getMap<Y.Map<unknown>>(BoardRoot.links),
    soa: doc.getMap<Y.Map<unknown>>(BoardRoot.soa),
    feedback: doc.getMap<Y.Map<unknown>>(BoardRoot.feedback),
  };
}
export type BoardRoots = ReturnType<typeof boardRoots>;
