import {
  EXPORT_FORMATS,
  doneRequestSchema,
  phaseRequestSchema,
  settingsRequestSchema,
  type ExportFormat,
  type ExportKind,
} from '@isms/shared';
import { HttpError, readJson, sendJson } from '../http/respond';
import { isPhaseReadOnly } from '../sync/loadRoom';
import { requireGroupMember } from './auth';
import { baseUrl, route, type RequestContext, type Route } from './context';
import { sendDocumentExport } from './exportRoutes';
import { mutate, workshopFor } from './instructorRoutes';
import { parseBody } from './publicRoutes';
import { toWorkshopInfo } from './workshops';

/**
 * Running the room: the instructor moves it between agenda phases (a phase's participant
 * access applies to every board at once, enforced per write by sync/policy.ts) and allows
 * take-home results; a group marks itself 「完了」 (ready check); participants download their
 * own group's documents while take-home is allowed. The registry is the authority; live
 * rooms follow through control events and the mirrors in the boards' meta.
 */
/** What a participant may take home: the group's own documents (not the all-groups report). */
const TAKE_HOME_KINDS: readonly ExportKind[] = ['security-standard', 'soa'];

async function phase(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const { phaseIndex } = parseBody(phaseRequestSchema, await readJson(context.req));
  if (phaseIndex >= workshop.scenario.schedule.length) {
    throw new HttpError(400, 'unknown-phase', `phaseIndex: the agenda has no phase ${phaseIndex}`);
  }
  const updated = await mutate(context, (record) => ({ ...record, phaseIndex }));
  const readOnly = isPhaseReadOnly(updated);
  const { control } = context.deps;
  await control.dispatch({ kind: 'phase', workshopId: workshop.id, phaseIndex, readOnly });
  await control.mirrorPhase(
    workshop.id,
    updated.groups.map((group) => group.id),
    updated.scenario.schedule,
    phaseIndex,
    readOnly,
  );
  await context.deps.recorder.captureBoards(
    workshop.id,
    updated.groups.map((group) => group.id),
    'phase',
  );
  sendJson(context.res, 200, toWorkshopInfo(baseUrl(context), updated));
}

async function settings(context: RequestContext): Promise<void> {
  await workshopFor(context);
  const { takeHome } = parseBody(settingsRequestSchema, await readJson(context.req));
  const updated = await mutate(context, (record) => ({ ...record, takeHome }));
  await context.deps.control.mirrorTakeHome(
    updated.id,
    updated.groups.map((group) => group.id),
    takeHome,
  );
  sendJson(context.res, 200, toWorkshopInfo(baseUrl(context), updated));
}

/** `allowQueryToken` only for the take-home download: a link the browser opens can't set a header. */
async function groupOf(context: RequestContext, options: { allowQueryToken?: boolean } = {}) {
  const workshop = await context.deps.registry.get(context.params.id!);
  if (!workshop) throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  const groupId = context.params.groupId!;
  const caller = await requireGroupMember(context, workshop, groupId, options);
  if (!workshop.groups.some((group) => group.id === groupId)) {
    throw new HttpError(404, 'unknown-group', 'no such group');
  }
  return { workshop, groupId, caller };
}

async function done(context: RequestContext): Promise<void> {
  const { workshop, groupId } = await groupOf(context);
  if (workshop.status === 'archived') {
    throw new HttpError(409, 'archived', 'the workshop is archived');
  }
  const request = parseBody(doneRequestSchema, await readJson(context.req));
  await mutate(context, (record) => ({
    ...record,
    groups: record.groups.map((group) =>
      group.id === groupId ? { ...group, done: request.done } : group,
    ),
  }));
  await context.deps.control.mirrorDone(workshop.id, groupId, request.done);
  sendJson(context.res, 200, { done: request.done });
}

async function takeHome(context: RequestContext): Promise<void> {
  const { workshop, groupId, caller } = await groupOf(context, { allowQueryToken: true });
  const kind = context.params.kind as ExportKind;
  const format = context.params.format as ExportFormat;
  if (!TAKE_HOME_KINDS.includes(kind) || !EXPORT_FORMATS.includes(format) || format === 'json') {
    throw new HttpError(404, 'unknown-export', 'no such export');
  }
  const participant = caller.kind === 'token' && caller.claims.role === 'participant';
  if (participant && !workshop.takeHome) {
    throw new HttpError(403, 'take-home-off', 'the instructor has not allowed downloads yet');
  }
  await sendDocumentExport(
    context,
    workshop,
    kind as Exclude<ExportKind, 'backup'>,
    format,
    groupId,
  );
}

export const roomRoutes: Route[] = [
  route('POST', '/api/workshops/:id/phase', phase),
  route('POST', '/api/workshops/:id/settings', settings),
  route('POST', '/api/workshops/:id/groups/:groupId/done', done),
  route('GET', '/api/workshops/:id/groups/:groupId/export/:kind.:format', takeHome),
];
