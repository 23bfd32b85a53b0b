import { parseDocName, type DocName, type TokenClaims } from '@isms/shared';
import { isTokenRevoked, participantTokenCurrent } from '../auth/revocation';
import type { TokenService } from '../auth/tokens';
import type { WorkshopRegistry } from '../registry/types';
import type { Access } from './connection';

/**
 * Authenticate (verify the token) and authorize (doc name ↔ claims) at the upgrade, before any
 * socket or room exists. 401 = this token is not (or no longer) valid: get a new one. 403 = the
 * token is valid but does not grant this document. 400 = the doc name itself is malformed.
 *
 * Access: participant → own group's board read/write, workshop doc read-only;
 * instructor → every doc of the workshop read/write; viewer → read-only.
 */
export type Authorization =
  | { ok: true; claims: TokenClaims; doc: DocName; access: Access }
  | { ok: false; status: 400 | 401 | 403; reason: string };

function fail(status: 400 | 401 | 403, reason: string): Authorization {
  return { ok: false, status, reason };
}

function accessFor(claims: TokenClaims, doc: DocName): Access | null {
  switch (claims.role) {
    case 'instructor':
      return 'write';
    case 'viewer':
      return 'read';
    case 'participant':
      if (doc.kind === 'workshop') return 'read';
      return doc.groupId === claims.group ? 'write' : null;
  }
}

export async function authorize(
  tokens: TokenService,
  registry: WorkshopRegistry,
  docName: string,
  token: string | null,
): Promise<Authorization> {
  const doc = parseDocName(docName);
  if (!doc) return fail(400, 'invalid-document-name');
  const verified = await tokens.verify(token);
  if (!verified.ok) return fail(401, `token-${verified.reason}`);
  const { claims } = verified;
  if (claims.workshop !== doc.workshopId) return fail(403, 'other-workshop');
  const access = accessFor(claims, doc);
  if (!access) return fail(403, 'other-group');
  if (await isTokenRevoked(registry, claims)) return fail(401, 'token-revoked');
  const workshop = await registry.get(doc.workshopId);
  if (!workshop) return fail(403, 'workshop-deleted');
  if (doc.kind === 'board' && !workshop.groups.some((group) => group.id === doc.groupId)) {
    return fail(403, 'unknown-group');
  }
  if (!participantTokenCurrent(claims, workshop)) return fail(401, 'token-revoked');
  return { ok: true, claims, doc, access };
}
