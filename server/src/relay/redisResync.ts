import type { TokenClaims } from '@isms/shared';
import { isTokenRevoked } from '../auth/revocation';
import type { WorkshopRegistry } from '../registry/types';
import { isPhaseReadOnly } from '../sync/loadRoom';
import type { ControlEvent } from './types';

/**
 * Control events travel over pub/sub too, so an instance cut off from Redis may have missed a
 * revocation, a lock or an archive. The registry (PostgreSQL) is the source of truth: after a
 * relay resync this rebuilds every event that could have been missed for what this instance
 * currently serves and re-applies it (applying is idempotent, see sync/control.ts).
 */
export interface ControlResyncTarget {
  registry: WorkshopRegistry;
  /** Claims of every open socket on this instance. */
  connectedClaims(): Iterable<TokenClaims>;
  /** Workshops with a loaded room on this instance. */
  loadedWorkshops(): Iterable<string>;
  apply(event: ControlEvent): void;
}

export async function resyncControlState(target: ControlResyncTarget): Promise<void> {
  const claims = [...target.connectedClaims()];
  const workshopIds = new Set([...target.loadedWorkshops(), ...claims.map((c) => c.workshop)]);
  for (const workshopId of workshopIds) {
    const workshop = await target.registry.get(workshopId);
    if (!workshop) {
      target.apply({ kind: 'workshop-deleted', workshopId });
      continue;
    }
    target.apply({ kind: 'workshop-status', workshopId, status: workshop.status });
    target.apply({
      kind: 'phase',
      workshopId,
      phaseIndex: workshop.phaseIndex,
      readOnly: isPhaseReadOnly(workshop),
    });
    for (const group of workshop.groups) {
      target.apply({ kind: 'lock', workshopId, groupId: group.id, locked: group.locked });
      target.apply({
        kind: 'revoke-group',
        workshopId,
        groupId: group.id,
        generation: group.generation,
      });
    }
  }
  for (const claim of claims) {
    if (await isTokenRevoked(target.registry, claim)) {
      target.apply({
        kind: 'revoke-token',
        workshopId: claim.workshop,
        jti: claim.jti,
        exp: claim.exp,
      });
    }
  }
}
