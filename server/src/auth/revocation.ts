import type { TokenClaims } from '@isms/shared';
import type { WorkshopRecord, WorkshopRegistry } from '../registry/types';

/**
 * Token revocation, scoped to a workshop: the registry stores "<workshopId>/<jti>", so an
 * instructor of workshop A who names a token id of workshop B revokes nothing of B's (the key
 * can only ever match a token of A). Rows written before the scoping hold the bare jti; they are
 * still honoured until they expire (at most TOKEN_TTL_SECONDS.instructor, 24 h).
 */
export function revocationKey(workshopId: string, jti: string): string {
  return `${workshopId}/${jti}`;
}

export async function isTokenRevoked(
  registry: WorkshopRegistry,
  claims: Pick<TokenClaims, 'workshop' | 'jti'>,
): Promise<boolean> {
  if (await registry.isRevoked(revocationKey(claims.workshop, claims.jti))) return true;
  return registry.isRevoked(claims.jti);
}

/**
 * A participant token is void once its group's generation moved past it (the group's tokens
 * were revoked or its join code rotated) or the group is gone. One rule for HTTP and WebSocket.
 */
export function participantTokenCurrent(claims: TokenClaims, workshop: WorkshopRecord): boolean {
  if (claims.role !== 'participant') return true;
  const group = workshop.groups.find((candidate) => candidate.id === claims.group);
  return group !== undefined && group.generation <= claims.gen;
}
