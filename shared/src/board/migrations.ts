import * as Y from 'yjs';
import { ServerOrigin } from './origins';
import { BOARD_SCHEMA_VERSION, boardRoots, slotKey } from './schema';

/**
 * Named migrations, one per schema version step. They run on the server when a room loads
 * (a single writer, so two replicas never migrate the same doc concurrently) and are
 * idempotent. Clients refuse to edit a board whose schemaVersion is newer than they know.
 *
 * Version history:
 * - v1: placements keyed by placement id, each holding its note as a nested Y.Text "note".
 * - v2: placements keyed by slot "<asset>|<control>" (so concurrent duplicates converge),
 *       notes moved to the top-level `notes` map keyed by placement id (so moves keep them).
 */
interface Migration {
  from: number;
  to: number;
  name: string;
  run: (doc: Y.Doc) => void;
}

const migrations: Migration[] = [
  {
    from: 1,
    to: 2,
    name: 'slot-keyed-placements-and-top-level-notes',
    run(doc) {
      const roots = boardRoots(doc);
      const legacy: [string, Y.Map<unknown>][] = [];
      roots.placements.forEach((value, key) => {
        if (value instanceof Y.Map && !key.includes('|')) legacy.push([key, value]);
      });
      for (const [placementId, record] of legacy) {
        // Read everything first: deleting a Y.Map from its parent deletes its content too.
        const fields = new Map<string, unknown>();
        for (const key of ['assetId', 'controlId', 'order', 'placedBy', 'placedAt']) {
          if (record.get(key) !== undefined) fields.set(key, record.get(key));
        }
        const note = record.get('note');
        const noteValue = note instanceof Y.Text ? note.toString() : '';
        roots.placements.delete(placementId);
        const slot = slotKey(
          String(fields.get('assetId') ?? ''),
          String(fields.get('controlId') ?? ''),
        );
        if (!fields.get('assetId') || !fields.get('controlId') || roots.placements.has(slot))
          continue;
        const next = new Y.Map<unknown>();
        next.set('id', placementId);
        fields.forEach((value, key) => next.set(key, value));
        roots.placements.set(slot, next);
        const text = new Y.Text();
        text.insert(0, noteValue);
        roots.notes.set(placementId, text);
      }
    },
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function boardSchemaVersion(doc: Y.Doc): number {
  const version = boardRoots(doc).meta.get('schemaVersion');
  return typeof version === 'number' ? version : 0;
}

/** Brings a loaded board to the current schema; a no-op for current or uninitialised docs. */
export function migrateBoard(doc: Y.Doc): MigrationReport {
  const from = boardSchemaVersion(doc);
  const applied: string[] = [];
  if (from === 0 || from >= BOARD_SCHEMA_VERSION) return { from, to: from, applied };
  doc.transact(() => {
    let version = from;
    for (const migration of migrations) {
      if (migration.from !== version) continue;
      migration.run(doc);
      applied.push(migration.name);
      version = migration.to;
    }
    boardRoots(doc).meta.set('schemaVersion', version);
  }, new ServerOrigin('migrate'));
  return { from, to: boardSchemaVersion(doc), applied };
}

/** True when a board at `schemaVersion` was migrated by newer code than this. */
export function isNewerSchemaVersion(schemaVersion: number): boolean {
  return schemaVersion > BOARD_SCHEMA_VERSION;
}

/**
 * True when this code is too old to safely edit the board (a newer server migrated it): every
 * command refuses with `newer-schema` (commands/guard.ts) and the client shows it read-only.
 */
export function isNewerThanSupported(doc: Y.Doc): boolean {
  return isNewerSchemaVersion(boardSchemaVersion(doc));
}
