import * as Y from 'yjs';
import type { BoardContext } from '../context';
import { LocalOrigin } from '../origins';
import { findPlacement } from '../read';
import { type CommandResult, fail, ok } from '../result';
import { boardRoots } from '../schema';
import { lockGuard } from './guard';

/** Longest link label, characters: a short phrase such as "分類に基づき". */
export const MAX_LINK_LABEL = 80;

/**
 * Links are keyed "<from>><to>" so the same link made twice (or concurrently) is one link.
 */
export function linkKey(from: string, to: string): string {
  return `${from}>${to}`;
}

export interface LinkInput {
  from: string;
  to: string;
  label?: string;
  createdBy: string;
}

export function linkPlacements(
  doc: Y.Doc,
  ctx: BoardContext,
  input: LinkInput,
): CommandResult<{ linkId: string }> {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  if (input.from === input.to) return fail('self-link', 'a card cannot build on itself');
  if (!findPlacement(doc, input.from) || !findPlacement(doc, input.to)) {
    return fail('not-found', 'the card no longer exists');
  }
  const label = (input.label ?? '').trim();
  if (label.length > MAX_LINK_LABEL) {
    return fail('invalid-input', `a link label holds at most ${MAX_LINK_LABEL} characters`);
  }
  const linkId = linkKey(input.from, input.to);
  const links = boardRoots(doc).links;
  doc.transact(() => {
    const existing = links.get(linkId);
    if (existing instanceof Y.Map) {
      existing.set('label', label);
      return;
    }
    const record = new Y.Map<unknown>();
    record.set('from', input.from);
    record.set('to', input.to);
    record.set('label', label);
    record.set('createdBy', input.createdBy);
    links.set(linkId, record);
  }, new LocalOrigin('link'));
  return ok({ linkId });
}

export function unlinkPlacements(
  doc: Y.Doc,
  ctx: BoardContext,
  input: { linkId: string },
): CommandResult {
  const guard = lockGuard(doc, ctx);
  if (guard) return guard;
  const links = boardRoots(doc).links;
  if (!links.has(input.linkId)) return fail('not-found', 'the link no longer exists');
  doc.transact(() => links.delete(input.linkId), new LocalOrigin('unlink'));
  return ok();
}
