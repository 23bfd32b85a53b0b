import {
  lockRequestSchema,
  revokeRequestSchema,
  statusRequestSchema,
  TOKEN_TTL_SECONDS,
  type TokenResponse,
} from '@isms/shared';
import { HttpError, readJson, sendJson } from '../http/respond';
import type { WorkshopRecord } from '../registry/types';
import { revocationKey } from '../auth/revocation';
import { requireInstructor } from './auth';
import { baseUrl, route, type RequestContext, type Route } from './context';
import { parseBody } from './publicRoutes';
import { freshJoinCode, toGroupInfo, toWorkshopInfo } from './workshops';

/**
 * The instructor's console API: workshop info, viewer tokens, lock/unlock, archive, rotate a
 * join code, revoke tokens. The registry is the authority; each change is then dispatched as
 * a control event so live sockets follow within the same turn (and other instances via relay).
 */
export async function workshopFor(context: RequestContext): Promise<WorkshopRecord> {
  const { workshop } = await requireInstructor(context, context.params.id!);
  return workshop;
}

export async function mutate(
  context: RequestContext,
  change: (workshop: WorkshopRecord) => WorkshopRecord,
): Promise<WorkshopRecord> {
  const updated = await context.deps.registry.update(context.params.id!, change);
  if (!updated) throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  return updated;
}

async function info(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  sendJson(context.res, 200, toWorkshopInfo(baseUrl(context), workshop));
}

async function viewerToken(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const { token, claims } = await context.deps.tokens.sign({
    workshop: workshop.id,
    group: null,
    role: 'viewer',
    name: 'viewer',
    gen: 0,
  });
  const body: TokenResponse = { token, expiresAt: claims.exp * 1000 };
  sendJson(context.res, 200, body);
}

async function lock(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const request = parseBody(lockRequestSchema, await readJson(context.req));
  if (request.groupId !== null && !workshop.groups.some((group) => group.id === request.groupId)) {
    throw new HttpError(404, 'unknown-group', 'no such group');
  }
  const affected = (group: { id: string }) =>
    request.groupId === null || group.id === request.groupId;
  const updated = await mutate(context, (record) => ({
    ...record,
    groups: record.groups.map((group) =>
      affected(group) ? { ...group, locked: request.locked } : group,
    ),
  }));
  const { control } = context.deps;
  await control.dispatch({
    kind: 'lock',
    workshopId: workshop.id,
    groupId: request.groupId,
    locked: request.locked,
  });
  const groupIds = updated.groups.filter(affected).map((group) => group.id);
  await control.mirrorLock(workshop.id, groupIds, request.locked);
  await context.deps.recorder.captureBoards(
    workshop.id,
    groupIds,
    request.locked ? 'lock' : 'unlock',
  );
  sendJson(context.res, 200, toWorkshopInfo(baseUrl(context), updated));
}

async function status(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const request = parseBody(statusRequestSchema, await readJson(context.req));
  const updated = await mutate(context, (record) => ({ ...record, status: request.status }));
  await context.deps.control.dispatch({
    kind: 'workshop-status',
    workshopId: workshop.id,
    status: request.status,
  });
  sendJson(context.res, 200, toWorkshopInfo(baseUrl(context), updated));
}

async function rotateCode(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const groupId = context.params.groupId!;
  if (!workshop.groups.some((group) => group.id === groupId)) {
    throw new HttpError(404, 'unknown-group', 'no such group');
  }
  const code = await freshJoinCode(context.deps.registry);
  const updated = await mutate(context, (record) => ({
    ...record,
    groups: record.groups.map((group) =>
      group.id === groupId ? { ...group, code, generation: group.generation + 1 } : group,
    ),
  }));
  const group = updated.groups.find((candidate) => candidate.id === groupId)!;
  await context.deps.control.dispatch({
    kind: 'revoke-group',
    workshopId: workshop.id,
    groupId,
    generation: group.generation,
  });
  sendJson(context.res, 200, toGroupInfo(baseUrl(context), group));
}

async function revoke(context: RequestContext): Promise<void> {
  const workshop = await workshopFor(context);
  const request = parseBody(revokeRequestSchema, await readJson(context.req));
  if (!request.groupId && !request.jti) {
    throw new HttpError(400, 'invalid-request', 'give groupId or jti');
  }
  const { deps } = context;
  if (request.jti) {
    // Expiry bound: the longest token lifetime from now covers any token still valid.
    const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS.instructor;
    // Scoped to this workshop: a token id of another workshop revokes nothing (auth/revocation.ts).
    await deps.registry.revokeToken(revocationKey(workshop.id, request.jti), expiresAt);
    await deps.control.dispatch({
      kind: 'revoke-token',
      workshopId: workshop.id,
      jti: request.jti,
      exp: expiresAt,
    });
  }
  if (request.groupId) {
    const groupId = request.groupId;
    if (!workshop.groups.some((group) => group.id === groupId)) {
      throw new HttpError(404, 'unknown-group', 'no such group');
    }
    const updated = await mutate(context, (record) => ({
      ...record,
      groups: record.groups.map((group) =>
        group.id === groupId ? { ...group, generation: group.generation + 1 } : group,
      ),
    }));
    const generation = updated.groups.find((group) => group.id === groupId)!.generation;
    await deps.control.dispatch({
      kind: 'revoke-group',
      workshopId: workshop.id,
      groupId,
      generation,
    });
  }
  sendJson(context.res, 200, { revoked: true });
}

export const instructorRoutes: Route[] = [
  route('GET', '/api/workshops/:id', info),
  route('POST', '/api/workshops/:id/viewer-token', viewerToken),
  route('POST', '/api/workshops/:id/lock', lock),
  route('POST', '/api/workshops/:id/status', status),
  route('POST', '/api/workshops/:id/groups/:groupId/rotate-code', rotateCode),
  route('POST', '/api/workshops/:id/revoke', revoke),
];
