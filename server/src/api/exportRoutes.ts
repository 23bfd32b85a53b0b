import * as Y from 'yjs';
import {
  BODY_LIMITS,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  StoreOrigin,
  boardDocName,
  type CreateWorkshopResponse,
  type ExportFormat,
  type ExportKind,
} from '@isms/shared';
import { renderExport } from '../exports/index';
import { HttpError, readJson, sendJson } from '../http/respond';
import type { WorkshopRecord } from '../registry/types';
import type { DocStore } from '../store/types';
import type { RoomManager } from '../sync/rooms';
import { requireInstructor, requireOrganiser } from './auth';
import { InvalidBackupError, backupSchema, buildBackup, restoreBackup } from './backup';
import { attachment } from './download';
import { baseUrl, route, type RequestContext, type Route } from './context';
import { instructorToken, instructorUrl, parseBody } from './publicRoutes';
import { toWorkshopInfo } from './workshops';

/**
 * GET /api/workshops/:id/export/:kind.:format — backup (json) is built here; the document
 * exports (csv, xlsx, md) are rendered by exports/ from the same live or stored boards.
 * POST /api/workshops/restore — a backup into a new workshop.
 */
async function readDoc(rooms: RoomManager, store: DocStore, docName: string): Promise<Y.Doc> {
  const live = rooms.get(docName);
  const doc = new Y.Doc();
  if (live) {
    await live.whenPersisted();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc), new StoreOrigin());
    return doc;
  }
  const stored = await store.load(docName);
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, new StoreOrigin());
  for (const entry of stored.updates) Y.applyUpdate(doc, entry.update, new StoreOrigin());
  return doc;
}

async function exportWorkshop(context: RequestContext): Promise<void> {
  const workshopId = context.params.id!;
  // A download link cannot carry a header: the one place a query token is accepted.
  const { workshop } = await requireInstructor(context, workshopId, { allowQueryToken: true });
  const { deps } = context;
  const kind = context.params.kind as ExportKind;
  const format = context.params.format as ExportFormat;
  if (!EXPORT_KINDS.includes(kind) || !EXPORT_FORMATS.includes(format)) {
    throw new HttpError(404, 'unknown-export', 'no such export');
  }
  if (kind === 'backup' || format === 'json') {
    if (kind !== 'backup' || format !== 'json')
      throw new HttpError(404, 'unknown-export', 'backup is json only');
    const backup = await buildBackup(
      workshop,
      async (name) => {
        const doc = await readDoc(deps.rooms, deps.store, name);
        try {
          return Y.encodeStateAsUpdate(doc);
        } finally {
          doc.destroy();
        }
      },
      deps.history,
    );
    const name = `${workshop.date}-${workshop.id}-backup.json`;
    sendJson(context.res, 200, backup, { 'content-disposition': attachment(name, name) });
    return;
  }
  await sendDocumentExport(context, workshop, kind, format, context.url.searchParams.get('group'));
}

/**
 * Renders one document export (csv, xlsx, md) of the whole workshop or of one group, from the
 * live or stored boards; `?lang=en` for English. Shared by the instructor's exports and the
 * participants' take-home download.
 */
export async function sendDocumentExport(
  context: RequestContext,
  workshop: WorkshopRecord,
  kind: Exclude<ExportKind, 'backup'>,
  format: Exclude<ExportFormat, 'json'>,
  groupId: string | null,
): Promise<void> {
  const { deps } = context;
  if (groupId !== null && !workshop.groups.some((group) => group.id === groupId)) {
    throw new HttpError(404, 'unknown-group', 'no such group');
  }
  const lang = context.url.searchParams.get('lang') === 'en' ? 'en' : 'ja';
  const boards = await Promise.all(
    workshop.groups.map(async (group) => ({
      groupId: group.id,
      groupName: group.name,
      doc: await readDoc(deps.rooms, deps.store, boardDocName(workshop.id, group.id)),
    })),
  );
  try {
    const output = await renderExport({ kind, format, lang, workshop, groupId, boards });
    context.res.writeHead(200, {
      'content-type': output.contentType,
      'content-disposition': attachment(output.filename, output.asciiFilename),
      'cache-control': 'no-store',
    });
    context.res.end(output.body);
  } finally {
    for (const board of boards) board.doc.destroy();
  }
}

async function restore(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const backup = parseBody(backupSchema, await readJson(context.req, BODY_LIMITS.large));
  let record;
  try {
    record = await restoreBackup(
      context.deps.registry,
      context.deps.store,
      context.deps.history,
      backup,
      context.deps.limits.maxDocumentBytes,
    );
  } catch (error) {
    if (error instanceof InvalidBackupError)
      throw new HttpError(400, 'invalid-backup', error.message);
    throw error;
  }
  const { token } = await instructorToken(context, record.id);
  const base = baseUrl(context);
  const body: CreateWorkshopResponse = {
    workshop: toWorkshopInfo(base, record),
    instructorToken: token,
    instructorUrl: instructorUrl(base, record.id, token),
  };
  sendJson(context.res, 201, body);
}

export const exportRoutes: Route[] = [
  route('POST', '/api/workshops/restore', restore),
  route('GET', '/api/workshops/:id/export/:kind.:format', exportWorkshop),
];
