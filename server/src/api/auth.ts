import { timingSafeEqual } from 'node:crypto';
import type { TokenClaims } from '@isms/shared';
import { isTokenRevoked, participantTokenCurrent } from '../auth/revocation';
import { HttpError } from '../http/respond';
import type { WorkshopRecord } from '../registry/types';
import type { RequestContext } from './context';

/**
 * API credentials: "Authorization: Bearer <organiser key | signed token>". Only downloads may
 * pass "?token=" instead (a link cannot carry a header); everywhere else a query token is
 * ignored, so the organiser key or a token never has to travel in a URL (logs, history,
 * Referer). The organiser may do everything an instructor may.
 */
export type Caller = { kind: 'organiser' } | { kind: 'token'; claims: TokenClaims };

export interface CredentialOptions {
  /** True only for download routes (exports, backup). */
  allowQueryToken?: boolean;
}

function credential(context: RequestContext, options: CredentialOptions): string | null {
  const header = context.req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return options.allowQueryToken ? context.url.searchParams.get('token') : null;
}

function isOrganiserKey(candidate: string, key: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function identify(context: RequestContext, options: CredentialOptions): Promise<Caller> {
  const presented = credential(context, options);
  if (!presented) throw new HttpError(401, 'unauthenticated', 'a bearer credential is required');
  if (isOrganiserKey(presented, context.deps.organiserKey)) return { kind: 'organiser' };
  const verified = await context.deps.tokens.verify(presented);
  if (!verified.ok) throw new HttpError(401, `token-${verified.reason}`, 'the token is not valid');
  if (await isTokenRevoked(context.deps.registry, verified.claims)) {
    throw new HttpError(401, 'token-revoked', 'the token was revoked');
  }
  return { kind: 'token', claims: verified.claims };
}

export async function requireOrganiser(
  context: RequestContext,
  options: CredentialOptions = {},
): Promise<void> {
  const caller = await identify(context, options);
  if (caller.kind !== 'organiser') {
    throw new HttpError(403, 'forbidden', 'only the organiser may do this');
  }
}

async function workshopOf(context: RequestContext, workshopId: string): Promise<WorkshopRecord> {
  const workshop = await context.deps.registry.get(workshopId);
  if (!workshop) throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  return workshop;
}

/**
 * The organiser, or any valid token (participant, viewer, instructor) of this workshop. A
 * participant token is checked against its group's generation as at the WebSocket upgrade:
 * after a group revoke or a code rotation it reads nothing more.
 */
export async function requireWorkshopMember(
  context: RequestContext,
  workshopId: string,
  options: CredentialOptions = {},
): Promise<{ caller: Caller; workshop: WorkshopRecord }> {
  const caller = await identify(context, options);
  if (caller.kind === 'token' && caller.claims.workshop !== workshopId) {
    throw new HttpError(403, 'forbidden', 'this token belongs to another workshop');
  }
  const workshop = await workshopOf(context, workshopId);
  if (caller.kind === 'token' && !participantTokenCurrent(caller.claims, workshop)) {
    throw new HttpError(401, 'token-revoked', 'the token was revoked');
  }
  return { caller, workshop };
}

/** The organiser, or an instructor token of this workshop; returns the workshop. */
export async function requireInstructor(
  context: RequestContext,
  workshopId: string,
  options: CredentialOptions = {},
): Promise<{ caller: Caller; workshop: WorkshopRecord }> {
  const caller = await identify(context, options);
  if (caller.kind === 'token') {
    const { claims } = caller;
    if (claims.role !== 'instructor' || claims.workshop !== workshopId) {
      throw new HttpError(403, 'forbidden', 'only this workshop’s instructor may do this');
    }
  }
  return { caller, workshop: await workshopOf(context, workshopId) };
}

/**
 * The organiser, this workshop's instructor, or a participant of this group whose token is
 * still current (its generation matches the group's: a rotated code or a revoke ends it).
 */
export async function requireGroupMember(
  context: RequestContext,
  workshop: { id: string; groups: { id: string; generation: number }[] },
  groupId: string,
  options: { allowQueryToken?: boolean } = {},
): Promise<Caller> {
  const caller = await identify(context, options);
  if (caller.kind === 'organiser') return caller;
  const { claims } = caller;
  if (claims.workshop !== workshop.id) {
    throw new HttpError(403, 'forbidden', 'this token belongs to another workshop');
  }
  if (claims.role === 'instructor') return caller;
  const group = workshop.groups.find((candidate) => candidate.id === groupId);
  if (claims.role !== 'participant' || claims.group !== groupId || !group) {
    throw new HttpError(403, 'forbidden', 'only this group’s members may do this');
  }
  if (claims.gen < group.generation)
    throw new HttpError(401, 'token-revoked', 'the token was revoked');
  return caller;
}
