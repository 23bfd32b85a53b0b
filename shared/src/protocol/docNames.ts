/**
 * Document names (the room part of the WebSocket URL). A board is "<workshopId>/<groupId>";
 * the workshop-wide document (timer, agenda, presentation) is "<workshopId>/_workshop".
 * Anything else is rejected before a store is touched.
 */
export const SYNC_PATH = '/sync';
export const WORKSHOP_DOC_SUFFIX = '_workshop';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type DocName =
  | { kind: 'board'; workshopId: string; groupId: string; name: string }
  | { kind: 'workshop'; workshopId: string; name: string };

export function boardDocName(workshopId: string, groupId: string): string {
  return `${workshopId}/${groupId}`;
}

export function workshopDocName(workshopId: string): string {
  return `${workshopId}/${WORKSHOP_DOC_SUFFIX}`;
}

export function parseDocName(name: string): DocName | null {
  if (name.length > 140) return null;
  const parts = name.split('/');
  if (parts.length !== 2) return null;
  const [workshopId = '', second = ''] = parts;
  if (!ID.test(workshopId)) return null;
  if (second === WORKSHOP_DOC_SUFFIX) return { kind: 'workshop', workshopId, name };
  if (!ID.test(second)) return null;
  return { kind: 'board', workshopId, groupId: second, name };
}

/** Group ids are "g1".."gN" so URLs stay short and readable on the projector. */
export function groupIdFor(index: number): string {
  return `g${index + 1}`;
}
