import {
  createWorkshopRequestSchema,
  joinRequestSchema,
  type CreateWorkshopResponse,
  type JoinResponse,
  type TokenResponse,
  type WorkshopListResponse,
} from '@isms/shared';
import type { z } from 'zod';
import { HttpError, readJson, sendJson } from '../http/respond';
import { requireOrganiser, requireWorkshopMember } from './auth';
import { baseUrl, route, type RequestContext, type Route } from './context';
import { createWorkshop, toWorkshopInfo } from './workshops';

/** Public routes (scenarios, time, join) and the organiser's (create, list, delete). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new HttpError(400, 'invalid-request', message);
  }
  return parsed.data;
}

async function join(context: RequestContext): Promise<void> {
  const { deps } = context;
  // The body is read before queueing: a slow sender must not hold up its address's queue.
  const request = parseBody(joinRequestSchema, await readJson(context.req));
  const found = await deps.joinGuard.attempt(deps.clientAddress(context.req), () =>
    deps.registry.findByCode(request.code),
  );
  const { workshop, group } = found;
  const { token, claims } = await deps.tokens.sign({
    workshop: workshop.id,
    group: group.id,
    role: 'participant',
    name: request.name,
    gen: group.generation,
  });
  const body: JoinResponse = {
    token,
    expiresAt: claims.exp * 1000,
    workshopId: workshop.id,
    groupId: group.id,
    groupName: group.name,
    role: 'participant',
    workshopTitle: workshop.title,
    scenarioId: workshop.scenario.id,
  };
  sendJson(context.res, 200, body);
}

export async function instructorToken(
  context: RequestContext,
  workshopId: string,
): Promise<TokenResponse> {
  const { token, claims } = await context.deps.tokens.sign({
    workshop: workshopId,
    group: null,
    role: 'instructor',
    name: 'instructor',
    gen: 0,
  });
  return { token, expiresAt: claims.exp * 1000 };
}

export function instructorUrl(base: string, workshopId: string, token: string): string {
  return `${base}/instructor/${workshopId}#token=${encodeURIComponent(token)}`;
}

async function create(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const request = parseBody(createWorkshopRequestSchema, await readJson(context.req));
  const found = await context.deps.scenarios.find(request.scenarioId);
  if (!found) throw new HttpError(400, 'unknown-scenario', `no scenario "${request.scenarioId}"`);
  const record = await createWorkshop(context.deps.registry, context.deps.store, {
    title: request.title,
    date: request.date,
    scenario: found.scenario,
    scenarioVersion: found.version,
    groups: request.groups ?? found.scenario.groups,
  });
  const { token } = await instructorToken(context, record.id);
  const base = baseUrl(context);
  const body: CreateWorkshopResponse = {
    workshop: toWorkshopInfo(base, record),
    instructorToken: token,
    instructorUrl: instructorUrl(base, record.id, token),
  };
  context.deps.log.info({ workshop: record.id, groups: record.groups.length }, 'workshop created');
  sendJson(context.res, 201, body);
}

async function list(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const base = baseUrl(context);
  const workshops = await context.deps.registry.list();
  const body: WorkshopListResponse = {
    workshops: workshops.map((workshop) => toWorkshopInfo(base, workshop)),
  };
  sendJson(context.res, 200, body);
}

async function remove(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const workshopId = context.params.id!;
  const { deps } = context;
  if (!(await deps.registry.get(workshopId))) {
    throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  }
  await deps.registry.delete(workshopId);
  await deps.control.dispatch({ kind: 'workshop-deleted', workshopId });
  await deps.store.deletePrefix(`${workshopId}/`);
  await deps.history.deletePrefix(`${workshopId}/`);
  deps.log.info({ workshop: workshopId }, 'workshop deleted');
  context.res.writeHead(204).end();
}

async function issueInstructorToken(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const workshopId = context.params.id!;
  if (!(await context.deps.registry.get(workshopId))) {
    throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  }
  sendJson(context.res, 200, await instructorToken(context, workshopId));
}

/**
 * The scenario snapshot a workshop was created from, for every member (participant, viewer,
 * instructor): custom scenarios are not in the client bundle, and a later edit of the file must
 * not change a running workshop.
 */
async function workshopScenario(context: RequestContext): Promise<void> {
  const workshopId = context.params.id!;
  const { workshop } = await requireWorkshopMember(context, workshopId);
  sendJson(context.res, 200, workshop.scenario);
}

export const publicRoutes: Route[] = [
  route('GET', '/api/time', async (context) => sendJson(context.res, 200, { now: Date.now() })),
  route('POST', '/api/join', join),
  route('POST', '/api/workshops', create),
  route('GET', '/api/workshops', list),
  route('DELETE', '/api/workshops/:id', remove),
  route('POST', '/api/workshops/:id/instructor-token', issueInstructorToken),
  route('GET', '/api/workshops/:id/scenario', workshopScenario),
];
