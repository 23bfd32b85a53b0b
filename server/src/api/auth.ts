import { timingSafeEqual } from 'node:crypto';
import type { TokenClaims } from '@isms/shared';
import { HttpError } from '../http/respond';
import type { RequestContext } from './context';

/**
 * API credentials: "Authorization: Bearer <organiser key | signed token>"; downloads may pass
 * "?token=" instead (a link cannot carry a header). The organiser may do everything an
 * instructor may.
 */
export type Caller = { kind: 'organiser' } | { kind: 'token'; claims: TokenClaims };

function credential(context: RequestContext): string | null {
  const header = context.req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return context.url.searchParams.get('token');
}

function isOrganiserKey(candidate: string, key: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function identify(context: RequestContext): Promise<Caller> {
  const presented = credential(context);
  if (!presented) throw new HttpError(401, 'unauthenticated', 'a bearer credential is required');
  if (isOrganiserKey(presented, context.deps.organiserKey)) return { kind: 'organiser' };
  const verified = await context.deps.tokens.verify(presented);
  if (!verified.ok) throw new HttpError(401, `token-${verified.reason}`, 'the token is not valid');
  if (await context.deps.registry.isRevoked(verified.claims.jti)) {
    throw new HttpError(401, 'token-revoked', 'the token was revoked');
  }
  return { kind: 'token', claims: verified.claims };
}

export async function requireOrganiser(context: RequestContext): Promise<void> {
  const caller = await identify(context);
  if (caller.kind !== 'organiser') {
    throw new HttpError(403, 'forbidden', 'only the organiser may do this');
  }
}

/** The organiser, or any valid token (participant, viewer, instructor) of this workshop. */
export async function requireWorkshopMember(
  context: RequestContext,
  workshopId: string,
): Promise<Caller> {
  const caller = await identify(context);
  if (caller.kind === 'organiser' || caller.claims.workshop === workshopId) return caller;
  throw new HttpError(403, 'forbidden', 'this token belongs to another workshop');
}

/** The organiser, or an instructor token of this workshop. */
export async function requireInstructor(
  context: RequestContext,
  workshopId: string,
): Promise<Caller> {
  const caller = await identify(context);
  if (caller.kind === 'organiser') return caller;
  const { claims } = caller;
  if (claims.role !== 'instructor' || claims.workshop !== workshopId) {
    throw new HttpError(403, 'forbidden', 'only this workshop’s instructor may do this');
  }
  return caller;
}

/**
 * The organiser, this workshop's instructor, or a participant of this group whose token is
 * still current (its generation matches the group's: a rotated code or a revoke ends it).
 */
export async function requireGroupMember(
  context: RequestContext,
  workshop: { id: string; groups: { id: string; generation: number }[] },
  groupId: string,
): Promise<Caller> {
  const caller = await identify(context);
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
