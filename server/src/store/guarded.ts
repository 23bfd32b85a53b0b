import type { HistoryStore } from '../history/types';
import type { ScenarioStore, WorkshopRegistry } from '../registry/types';
import type { StoreHealth } from './health';
import type { DocStore } from './types';

/**
 * The registry and the document store as the rest of the server sees them: while the database
 * is known to be unreachable every call fails at once with StoreUnavailableError (→ 503 with
 * Retry-After, or close 4004), and reads waiting on a database that stops answering are
 * abandoned as soon as the health probe notices (~1 s) instead of at the driver's timeouts.
 *
 * `append` is not guarded: a sent append may still commit, so its caller (sync/roomWriter.ts)
 * waits for its real outcome; it consults the health itself before sending.
 */
export function guardedRegistry(inner: WorkshopRegistry, health: StoreHealth): WorkshopRegistry {
  return {
    scenarios: guardedScenarios(inner.scenarios, health),
    create: (workshop) => health.guardWrite(() => inner.create(workshop)),
    get: (workshopId) => health.guard(() => inner.get(workshopId)),
    list: () => health.guard(() => inner.list()),
    findByCode: (code) => health.guard(() => inner.findByCode(code)),
    update: (workshopId, mutate) => health.guardWrite(() => inner.update(workshopId, mutate)),
    delete: (workshopId) => health.guardWrite(() => inner.delete(workshopId)),
    revokeToken: (jti, expiresAt) => health.guardWrite(() => inner.revokeToken(jti, expiresAt)),
    isRevoked: (jti) => health.guard(() => inner.isRevoked(jti)),
    close: () => inner.close(),
  };
}

function guardedScenarios(inner: ScenarioStore, health: StoreHealth): ScenarioStore {
  return {
    list: () => health.guard(() => inner.list()),
    get: (id) => health.guard(() => inner.get(id)),
    getVersion: (id, version) => health.guard(() => inner.getVersion(id, version)),
    save: (scenario, expectedVersion) =>
      health.guardWrite(() => inner.save(scenario, expectedVersion)),
    delete: (id) => health.guardWrite(() => inner.delete(id)),
  };
}

export function guardedStore(inner: DocStore, health: StoreHealth): DocStore {
  return {
    load: (docName) => health.guard(() => inner.load(docName)),
    append: (docName, update) => inner.append(docName, update),
    readSince: (docName, afterSeq) => health.guard(() => inner.readSince(docName, afterSeq)),
    compact: (docName, snapshot, upToSeq) =>
      health.guardWrite(() => inner.compact(docName, snapshot, upToSeq)),
    stats: (docName) => health.guard(() => inner.stats(docName)),
    list: (prefix) => health.guard(() => inner.list(prefix)),
    deletePrefix: (prefix) => health.guardWrite(() => inner.deletePrefix(prefix)),
    healthy: () => inner.healthy(),
    close: () => inner.close(),
  };
}

export function guardedHistory(inner: HistoryStore, health: StoreHealth): HistoryStore {
  return {
    add: (docName, version) => health.guardWrite(() => inner.add(docName, version)),
    list: (docName) => health.guard(() => inner.list(docName)),
    get: (docName, id) => health.guard(() => inner.get(docName, id)),
    remove: (docName, ids) => health.guardWrite(() => inner.remove(docName, ids)),
    deletePrefix: (prefix) => health.guardWrite(() => inner.deletePrefix(prefix)),
    bytes: (prefix) => health.guard(() => inner.bytes(prefix)),
    close: () => inner.close(),
  };
}
