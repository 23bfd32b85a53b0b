import * as Y from 'yjs';
import type { ScenarioStore, WorkshopRegistry } from '../registry/types';
import type { DocStore } from './types';

/**
 * Copies one deployment into another through the storage seams: every workshop of the
 * registry, every revoked token still in force, and every document (snapshot + log folded
 * into one update, so the target starts compact). Used by the SQLite → PostgreSQL migration
 * command; it only needs the interfaces, so it is tested with real SQLite and PostgreSQL.
 *
 * Idempotent: workshops and documents that already exist in the target are skipped (and
 * reported), so an interrupted migration can simply be run again.
 */
export interface ImportSource {
  store: DocStore;
  registry: WorkshopRegistry;
  revokedTokens: { jti: string; expiresAt: number }[];
}

export interface ImportTarget {
  store: DocStore;
  registry: WorkshopRegistry;
}

export interface ImportReport {
  workshops: number;
  skippedWorkshops: string[];
  documents: number;
  skippedDocuments: string[];
  revokedTokens: number;
  /** Organisers' scenarios copied (each with all its versions; deleted ones are left). */
  scenarios: number;
}

export async function importDeployment(
  source: ImportSource,
  target: ImportTarget,
  progress: (line: string) => void = () => undefined,
): Promise<ImportReport> {
  const report: ImportReport = {
    workshops: 0,
    skippedWorkshops: [],
    documents: 0,
    skippedDocuments: [],
    revokedTokens: 0,
    scenarios: 0,
  };
  for (const workshop of await source.registry.list()) {
    if (await target.registry.get(workshop.id)) {
      report.skippedWorkshops.push(workshop.id);
      continue;
    }
    await target.registry.create(workshop);
    report.workshops += 1;
    progress(`workshop ${workshop.id} (${workshop.title})`);
  }
  report.scenarios = await copyScenarios(source.registry.scenarios, target.registry.scenarios);
  const now = Math.floor(Date.now() / 1000);
  for (const token of source.revokedTokens.filter((entry) => entry.expiresAt >= now)) {
    await target.registry.revokeToken(token.jti, token.expiresAt);
    report.revokedTokens += 1;
  }
  for (const docName of await source.store.list('')) {
    if ((await target.store.stats(docName)).lastSeq > 0) {
      report.skippedDocuments.push(docName);
      continue;
    }
    await copyDocument(source.store, target.store, docName);
    report.documents += 1;
    progress(`document ${docName}`);
  }
  return report;
}

/** Every version in order, so the target's version numbers match the workshops' snapshots. */
async function copyScenarios(from: ScenarioStore, to: ScenarioStore): Promise<number> {
  let copied = 0;
  for (const latest of await from.list()) {
    if (await to.get(latest.id)) continue;
    let previous: number | null = null;
    for (let version = 1; version <= latest.version; version += 1) {
      const stored = await from.getVersion(latest.id, version);
      if (stored) previous = (await to.save(stored.scenario, previous)).version;
    }
    copied += 1;
  }
  return copied;
}

/** Copies one document and verifies the target rebuilds to exactly the same state. */
async function copyDocument(from: DocStore, to: DocStore, docName: string): Promise<void> {
  const original = rebuild(await from.load(docName));
  await to.append(docName, Y.encodeStateAsUpdate(original));
  const copied = rebuild(await to.load(docName));
  const same = Buffer.from(Y.encodeStateAsUpdate(copied)).equals(
    Buffer.from(Y.encodeStateAsUpdate(original)),
  );
  original.destroy();
  copied.destroy();
  if (!same) throw new Error(`document ${docName} differs after copying`);
}

function rebuild(stored: Awaited<ReturnType<DocStore['load']>>): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}
