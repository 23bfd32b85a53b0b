import * as Y from 'yjs';
import { newId } from '../../ids';
import type { BoardContext } from '../context';
import { LocalOrigin } from '../origins';
import { schemaGuard } from './guard';
import { findPlacement } from '../read';
import { type CommandResult, fail, ok } from '../result';
import { type FeedbackAnchor, type FeedbackKind, FEEDBACK_KINDS, boardRoots } from '../schema';

/** Longest feedback text, characters. */
export const MAX_FEEDBACK_TEXT = 2000;

export interface FeedbackInput {
  author: string;
  text: string;
  anchor: FeedbackAnchor;
  kind?: FeedbackKind;
  now?: number;
}

/**
 * Instructor feedback. Not lock-guarded: instructors lock boards precisely to give feedback
 * (only a board with a newer schema refuses it).
 * The server allows feedback writes only from instructors.
 */
export function addFeedback(
  doc: Y.Doc,
  ctx: BoardContext,
  input: FeedbackInput,
): CommandResult<{ feedbackId: string }> {
  const newer = schemaGuard(doc);
  if (newer) return newer;
  const text = input.text.trim();
  const kind = input.kind ?? 'comment';
  if (!FEEDBACK_KINDS.includes(kind)) return fail('invalid-input', 'unknown feedback kind');
  if (kind === 'comment' && text.length === 0) return fail('invalid-input', 'feedback is empty');
  if (text.length > MAX_FEEDBACK_TEXT) {
    return fail('invalid-input', `feedback holds at most ${MAX_FEEDBACK_TEXT} characters`);
  }
  const { anchor } = input;
  if (anchor.kind === 'asset' && !ctx.scenario.assets.some((a) => a.id === anchor.assetId)) {
    return fail('unknown-asset', `asset "${anchor.assetId}" is not part of the scenario`);
  }
  if (anchor.kind === 'placement' && !findPlacement(doc, anchor.placementId)) {
    return fail('not-found', 'the card no longer exists');
  }
  const feedbackId = newId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('author', input.author);
    record.set('text', text);
    record.set('anchor', { ...anchor });
    record.set('kind', kind);
    record.set('resolved', false);
    record.set('createdAt', input.now ?? Date.now());
    boardRoots(doc).feedback.set(feedbackId, record);
  }, new LocalOrigin('add-feedback'));
  return ok({ feedbackId });
}

export function resolveFeedback(
  doc: Y.Doc,
  input: { feedbackId: string; resolved: boolean },
): CommandResult {
  const newer = schemaGuard(doc);
  if (newer) return newer;
  const record = boardRoots(doc).feedback.get(input.feedbackId);
  if (!(record instanceof Y.Map)) return fail('not-found', 'the feedback no longer exists');
  doc.transact(() => record.set('resolved', input.resolved), new LocalOrigin('resolve-feedback'));
  return ok();
}

export function removeFeedback(doc: Y.Doc, input: { feedbackId: string }): CommandResult {
  const newer = schemaGuard(doc);
  if (newer) return newer;
  const feedback = boardRoots(doc).feedback;
  if (!feedback.has(input.feedbackId)) return fail('not-found', 'the feedback no longer exists');
  doc.transact(() => feedback.delete(input.feedbackId), new LocalOrigin('remove-feedback'));
  return ok();
}
