import * as Y from 'yjs';
import { getControl } from '../../catalog/catalog';
import { newId } from '../../ids';
import { type BoardContext, offeredControls } from '../context';
import { orderKeyAt } from '../order';
import { LocalOrigin } from '../origins';
import { findPlacement, laneOf, listPlacements } from '../read';
import { type CommandResult, type CommandWarning, fail, ok } from '../result';
import { boardRoots, slotKey } from '../schema';
import { MAX_CARDS_PER_ASSET } from '../writeRules';
import { lockGuard } from './guard';

export interface PlaceInput {
  assetId: string;
  controlId: string;
  placedBy: string;
  /** Position in the lane; defaults to the end. */
  index?: number;
  /** Clock for tests; defaults to Date.now(). */
  now?: number;
}

function validateTarget(ctx: BoardContext, assetId: string, controlId: string) {
  if (!ctx.scenario.assets.some((asset) => asset.id === assetId)) {
    return fail('unknown-asset', `asset "${assetId}" is not part of scenario ${ctx.scenario.id}`);
  }
  if (!getControl(controlId)) return fail('unknown-control', `"${controlId}" is not a control`);
  if (!offeredControls(ctx.scenario).has(controlId)) {
    return fail(
      'control-not-in-theme',
      `${controlId} is not offered by scenario ${ctx.scenario.id}`,
    );
  }
  return null;
}

/**
 * The hard cap (writeRules.ts): the server refuses a writer's cards beyond it, so the command
 * stops first. Counting the whole lane as this replica sees it keeps this writer's own cards
 * under the cap wherever they are merged.
 */
function laneFull(lane: readonly unknown[]) {
  return lane.length >= MAX_CARDS_PER_ASSET
    ? fail('lane-full', `an asset holds at most ${MAX_CARDS_PER_ASSET} cards`)
    : null;
}

/**
 * The per-asset count is guidance, not a hard rule: a CRDT cannot stop two offline members
 * from each adding a third card, and groups often try a fourth before deciding. Going over
 * returns a warning the UI shows; read models report it as over-limit.
 */
function limitWarnings(ctx: BoardContext, laneSizeAfter: number): CommandWarning[] {
  return laneSizeAfter > ctx.scenario.controls_per_asset ? ['over-limit'] : [];
}

export function placeControl(
  doc: Y.Doc,
  ctx: BoardContext,
  input: PlaceInput,
): CommandResult<{ placementId: string }> {
  const invalid = lockGuard(doc, ctx) ?? validateTarget(ctx, input.assetId, input.controlId);
  if (invalid) return invalid;
  const roots = boardRoots(doc);
  const slot = slotKey(input.assetId, input.controlId);
  if (roots.placements.has(slot)) {
    return fail('duplicate', `${input.controlId} is already placed on this asset`);
  }
  const lane = laneOf(doc, input.assetId);
  const full = laneFull(lane);
  if (full) return full;
  const placementId = newId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('id', placementId);
    record.set('assetId', input.assetId);
    record.set('controlId', input.controlId);
    record.set('order', orderKeyAt(lane, input.index ?? lane.length));
    record.set('placedBy', input.placedBy);
    record.set('placedAt', input.now ?? Date.now());
    roots.placements.set(slot, record);
    if (!roots.notes.has(placementId)) roots.notes.set(placementId, new Y.Text());
  }, new LocalOrigin('place'));
  return ok({ placementId }, limitWarnings(ctx, lane.length + 1));
}

export interface MoveInput {
  placementId: string;
  assetId: string;
  index?: number;
}

/**
 * Moves a card to another lane (or reorders when the lane is the same). The slot is re-keyed;
 * the placement id, and with it the note, links and feedback, stay.
 */
export function movePlacement(doc: Y.Doc, ctx: BoardContext, input: MoveInput): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  const placement = findPlacement(doc, input.placementId);
  if (!placement) return fail('not-found', 'the card no longer exists');
  if (placement.assetId === input.assetId) {
    return reorderPlacement(doc, ctx, { placementId: input.placementId, index: input.index ?? 0 });
  }
  const invalid = validateTarget(ctx, input.assetId, placement.controlId);
  if (invalid) return invalid;
  const roots = boardRoots(doc);
  const target = slotKey(input.assetId, placement.controlId);
  if (roots.placements.has(target)) {
    return fail('duplicate', `${placement.controlId} is already placed on that asset`);
  }
  const lane = laneOf(doc, input.assetId);
  const full = laneFull(lane);
  if (full) return full;
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('id', placement.id);
    record.set('assetId', input.assetId);
    record.set('controlId', placement.controlId);
    record.set('order', orderKeyAt(lane, input.index ?? lane.length));
    record.set('placedBy', placement.placedBy);
    record.set('placedAt', placement.placedAt);
    roots.placements.delete(placement.slot);
    roots.placements.set(target, record);
  }, new LocalOrigin('move'));
  return ok(undefined, limitWarnings(ctx, lane.length + 1));
}

export interface ReorderInput {
  placementId: string;
  /** Target index in the lane as the user sees it after the move. */
  index: number;
}

export function reorderPlacement(
  doc: Y.Doc,
  ctx: BoardContext,
  input: ReorderInput,
): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  const placement = findPlacement(doc, input.placementId);
  if (!placement) return fail('not-found', 'the card no longer exists');
  const others = laneOf(doc, placement.assetId).filter((p) => p.id !== placement.id);
  const record = boardRoots(doc).placements.get(placement.slot);
  if (!record) return fail('not-found', 'the card no longer exists');
  doc.transact(() => {
    record.set('order', orderKeyAt(others, input.index));
  }, new LocalOrigin('reorder'));
  return ok();
}

/**
 * Removes a card and its links. The note's text is deliberately kept (unreferenced) in
 * `notes`: a teammate may be typing into it or moving the card at the same moment, and an
 * undo of the removal brings the card back with everything typed. Read models ignore notes
 * no card references; feedback anchored to the card is shown as detached, never lost.
 */
export function removePlacement(
  doc: Y.Doc,
  ctx: BoardContext,
  input: { placementId: string },
): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  const placement = findPlacement(doc, input.placementId);
  if (!placement) return fail('not-found', 'the card no longer exists');
  const roots = boardRoots(doc);
  doc.transact(() => {
    roots.placements.delete(placement.slot);
    // Two concurrent moves can leave two slots sharing one id; keep links while any remains.
    const stillUsed = listPlacements(doc).some((p) => p.id === placement.id);
    if (stillUsed) return;
    roots.links.forEach((link, linkId) => {
      if (link.get('from') === placement.id || link.get('to') === placement.id) {
        roots.links.delete(linkId);
      }
    });
  }, new LocalOrigin('remove'));
  return ok();
}
