import * as Y from 'yjs';
import {
  StoreOrigin,
  boardDocName,
  readBoard,
  restoreRequestSchema,
  restoreVersion,
  type HistoryListResponse,
  type HistoryVersionResponse,
  type RestoreResponse,
} from '@isms/shared';
import { HttpError, readJson, sendJson } from '../http/respond';
import type { WorkshopRecord } from '../registry/types';
import { requireInstructor } from './auth';
import { route, type RequestContext, type Route } from './context';
import { parseBody } from './publicRoutes';

/**
 * A group board's timeline for its workshop's instructor: the versions, one version's state,
 * and "restore this version" — written into the live room as a new server-origin edit, after
 * a 'before-restore' version (restoring that one undoes the restore).
 */
async function boardFor(
  context: RequestContext,
): Promise<{ workshop: WorkshopRecord; docName: string }> {
  const workshopId = context.params.id!;
  await requireInstructor(context, workshopId);
  const workshop = await context.deps.registry.get(workshopId);
  if (!workshop) throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  const groupId = context.params.groupId!;
  if (!workshop.groups.some((group) => group.id === groupId)) {
    throw new HttpError(404, 'unknown-group', 'no such group');
  }
  return { workshop, docName: boardDocName(workshopId, groupId) };
}

function versionId(context: RequestContext): number {
  const id = Number(context.params.versionId);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new HttpError(404, 'unknown-version', 'no such version');
  }
  return id;
}

async function list(context: RequestContext): Promise<void> {
  const { docName } = await boardFor(context);
  const body: HistoryListResponse = { versions: await context.deps.history.list(docName) };
  sendJson(context.res, 200, body);
}

async function show(context: RequestContext): Promise<void> {
  const { docName } = await boardFor(context);
  const stored = await context.deps.history.get(docName, versionId(context));
  if (!stored) throw new HttpError(404, 'unknown-version', 'no such version');
  const body: HistoryVersionResponse = {
    version: stored.info,
    state: Buffer.from(stored.state).toString('base64'),
  };
  sendJson(context.res, 200, body);
}

async function restore(context: RequestContext): Promise<void> {
  const { workshop, docName } = await boardFor(context);
  if (workshop.status === 'archived') {
    throw new HttpError(409, 'workshop-archived', 'an archived workshop is read-only');
  }
  const request = parseBody(restoreRequestSchema, await readJson(context.req));
  const { deps } = context;
  const stored = await deps.history.get(docName, versionId(context));
  if (!stored) throw new HttpError(404, 'unknown-version', 'no such version');
  const past = new Y.Doc();
  Y.applyUpdate(past, stored.state, new StoreOrigin());
  const version = readBoard(past);
  past.destroy();
  const body = await deps.rooms.withRoom(docName, async (room): Promise<RestoreResponse> => {
    const beforeRestoreId = await deps.recorder.capture(room, 'before-restore');
    const result = restoreVersion(room.doc, version, request.scope);
    if (!result.ok) throw new HttpError(404, result.code, result.message);
    await room.whenPersisted();
    if (room.failed) throw new HttpError(503, 'store-unavailable', 'the board could not be saved');
    await deps.recorder.capture(room, 'restore');
    return { beforeRestoreId: beforeRestoreId ?? 0, ...result.value };
  });
  deps.log.info(
    { workshop: workshop.id, room: docName, version: stored.info.id, scope: request.scope.kind },
    'board version restored',
  );
  sendJson(context.res, 200, body);
}

export const historyRoutes: Route[] = [
  route('GET', '/api/workshops/:id/groups/:groupId/history', list),
  route('GET', '/api/workshops/:id/groups/:groupId/history/:versionId', show),
  route('POST', '/api/workshops/:id/groups/:groupId/history/:versionId/restore', restore),
];
