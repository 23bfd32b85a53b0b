import * as Y from 'yjs';
import { type BoardContext, offeredControls } from '../context';
import { LocalOrigin } from '../origins';
import { type CommandResult, fail, ok } from '../result';
import {
  APPLICABILITY,
  type Applicability,
  IMPLEMENTATION_STATUS,
  type ImplementationStatus,
  boardRoots,
} from '../schema';
import { lockGuard } from './guard';

/** Longest SoA text field, characters. */
export const MAX_SOA_TEXT = 2000;

export interface SoaPatch {
  /** "undecided" resets to the value derived from placements. */
  applicable?: Applicability;
  justification?: string;
  exclusionReason?: string;
  status?: ImplementationStatus | null;
  note?: string;
}

/**
 * Sets fields of one control's Statement-of-Applicability entry. Each field is its own map
 * key, so two members editing different fields of one entry both win.
 */
export function setSoaEntry(
  doc: Y.Doc,
  ctx: BoardContext,
  input: { controlId: string; patch: SoaPatch; updatedBy: string },
): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  if (!offeredControls(ctx.scenario).has(input.controlId)) {
    return fail('control-not-in-theme', `${input.controlId} is not offered by this scenario`);
  }
  const { patch } = input;
  if (patch.applicable !== undefined && !APPLICABILITY.includes(patch.applicable)) {
    return fail('invalid-input', 'applicable must be yes, no or undecided');
  }
  if (patch.status != null && !IMPLEMENTATION_STATUS.includes(patch.status)) {
    return fail('invalid-input', 'status must be planned, in-progress or implemented');
  }
  for (const key of ['justification', 'exclusionReason', 'note'] as const) {
    const value = patch[key];
    if (value !== undefined && value.length > MAX_SOA_TEXT) {
      return fail('invalid-input', `${key} holds at most ${MAX_SOA_TEXT} characters`);
    }
  }
  const soa = boardRoots(doc).soa;
  doc.transact(() => {
    let entry = soa.get(input.controlId);
    if (!(entry instanceof Y.Map)) {
      entry = new Y.Map<unknown>();
      soa.set(input.controlId, entry);
    }
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) entry.delete(key);
      else entry.set(key, value);
    }
    entry.set('updatedBy', input.updatedBy);
  }, new LocalOrigin('set-soa'));
  return ok();
}
