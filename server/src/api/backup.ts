import * as Y from 'yjs';
import {
  HISTORY_REASONS,
  StoreOrigin,
  boardDocName,
  newId,
  parseScenario,
  rebindBoard,
  workshopDocName,
} from '@isms/shared';
import { z } from 'zod';
import { MAX_GROUP_NAME_LENGTH, MAX_TITLE_LENGTH, calendarDate, displayText } from '@isms/shared';
import type { GroupRecord, WorkshopRecord, WorkshopRegistry } from '../registry/types';
import type { HistoryStore, NewVersion } from '../history/types';
import type { DocStore } from '../store/types';
import { freshJoinCode } from './workshops';

/**
 * Backup of a whole workshop: the registry record (without join codes) and the encoded state
 * of every stored document (base64). Restore creates a NEW workshop: new id, new join codes,
 * generation 0, unlocked — the backup can be restored twice without the copies interfering.
 */
export const BACKUP_FORMAT = 'isms-workshop-backup';
export const BACKUP_VERSION = 1;

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.number(),
  workshop: z.object({
    id: z.string(),
    title: displayText(MAX_TITLE_LENGTH),
    date: calendarDate,
    scenario: z.unknown(),
    /** Absent in backups made before scenarios were versioned. */
    scenarioVersion: z.number().int().min(1).optional(),
    status: z.enum(['active', 'archived']),
    createdAt: z.number(),
    groups: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
          name: displayText(MAX_GROUP_NAME_LENGTH),
        }),
      )
      .min(1)
      .max(30)
      // Two groups "g1" would share one board and one stored document.
      .refine((groups) => new Set(groups.map((group) => group.id)).size === groups.length, {
        message: 'group ids must be unique',
      }),
  }),
  /** Document id within the workshop ("g1", "_workshop") → base64 Yjs update. */
  docs: z.record(z.string(), z.string()),
  /** Board id → its timeline, oldest first (absent in backups made before board history). */
  history: z
    .record(
      z.string(),
      z.array(
        z.object({
          at: z.number(),
          reason: z.enum(HISTORY_REASONS),
          editors: z.array(z.string().max(64)).max(200),
          state: z.string(),
        }),
      ),
    )
    .optional(),
});
export type Backup = z.infer<typeof backupSchema>;

/** Reads one document's full state, from the live room if loaded, else from the store. */
export type StateReader = (docName: string) => Promise<Uint8Array>;

/** Every version of each board of the workshop, as the backup carries them. */
async function backupHistory(
  workshop: WorkshopRecord,
  history: HistoryStore,
): Promise<NonNullable<Backup['history']>> {
  const timelines: NonNullable<Backup['history']> = {};
  for (const group of workshop.groups) {
    const docName = boardDocName(workshop.id, group.id);
    const versions = [];
    for (const info of await history.list(docName)) {
      const stored = await history.get(docName, info.id);
      if (!stored) continue;
      versions.push({
        at: info.at,
        reason: info.reason,
        editors: info.editors,
        state: Buffer.from(stored.state).toString('base64'),
      });
    }
    timelines[group.id] = versions;
  }
  return timelines;
}

export async function buildBackup(
  workshop: WorkshopRecord,
  readState: StateReader,
  history: HistoryStore,
): Promise<Backup> {
  const docs: Record<string, string> = {};
  const names = [
    ...workshop.groups.map((group) => ({
      id: group.id,
      name: boardDocName(workshop.id, group.id),
    })),
    { id: '_workshop', name: workshopDocName(workshop.id) },
  ];
  for (const doc of names) docs[doc.id] = Buffer.from(await readState(doc.name)).toString('base64');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: Date.now(),
    workshop: {
      id: workshop.id,
      title: workshop.title,
      date: workshop.date,
      scenario: workshop.scenario,
      scenarioVersion: workshop.scenarioVersion,
      status: workshop.status,
      createdAt: workshop.createdAt,
      groups: workshop.groups.map((group) => ({ id: group.id, name: group.name })),
    },
    docs,
    history: await backupHistory(workshop, history),
  };
}

export class InvalidBackupError extends Error {}

function decodes(update: Uint8Array): boolean {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update, new StoreOrigin());
    return true;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

/** Every board version must decode too, before anything is written. */
function decodeHistory(backup: Backup): Map<string, NewVersion[]> {
  const decoded = new Map<string, NewVersion[]>();
  for (const [groupId, versions] of Object.entries(backup.history ?? {})) {
    if (!backup.workshop.groups.some((group) => group.id === groupId)) {
      throw new InvalidBackupError(`history of unknown board "${groupId}"`);
    }
    decoded.set(
      groupId,
      versions.map((version) => {
        const state = new Uint8Array(Buffer.from(version.state, 'base64'));
        if (!decodes(state))
          throw new InvalidBackupError(`a version of "${groupId}" does not decode`);
        return { at: version.at, reason: version.reason, editors: version.editors, state };
      }),
    );
  }
  return decoded;
}

/** Every doc must decode to a Yjs document before anything is written. */
function decodeDocs(backup: Backup): Map<string, Uint8Array> {
  const decoded = new Map<string, Uint8Array>();
  for (const [id, base64] of Object.entries(backup.docs)) {
    const valid = id === '_workshop' || backup.workshop.groups.some((group) => group.id === id);
    if (!valid) throw new InvalidBackupError(`unknown document "${id}"`);
    const update = new Uint8Array(Buffer.from(base64, 'base64'));
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, update, new StoreOrigin());
    } catch {
      throw new InvalidBackupError(`document "${id}" does not decode`);
    } finally {
      doc.destroy();
    }
    decoded.set(id, update);
  }
  return decoded;
}

/** The board's meta must name the new workshop, and the copy starts unlocked like its group. */
function rebound(update: Uint8Array, workshopId: string, groupId: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update, new StoreOrigin());
    rebindBoard(doc, { workshopId, groupId }, false);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Every document as it will be stored, checked against the size cap BEFORE anything is
 * written: a board restored over `maxDocumentBytes` could never be edited again (every write
 * would close 4006), so it is refused with the sizes in the message.
 */
function preparedDocs(
  backup: Backup,
  workshopId: string,
  maxDocumentBytes: number,
): [string, Uint8Array][] {
  const prepared: [string, Uint8Array][] = [];
  for (const [docId, update] of decodeDocs(backup)) {
    const state = docId === '_workshop' ? update : rebound(update, workshopId, docId);
    if (state.byteLength > maxDocumentBytes) {
      throw new InvalidBackupError(
        `document "${docId}" is ${state.byteLength} bytes, over the ${maxDocumentBytes}-byte cap (MAX_DOCUMENT_BYTES)`,
      );
    }
    prepared.push([docId, state]);
  }
  return prepared;
}

export async function restoreBackup(
  registry: WorkshopRegistry,
  store: DocStore,
  history: HistoryStore,
  backup: Backup,
  maxDocumentBytes: number,
): Promise<WorkshopRecord> {
  const scenario = parseScenario(backup.workshop.scenario);
  if (!scenario.ok) throw new InvalidBackupError(`scenario: ${scenario.message}`);
  const timelines = decodeHistory(backup);
  const id = newId(12);
  const docs = preparedDocs(backup, id, maxDocumentBytes);
  const taken = new Set<string>();
  const groups: GroupRecord[] = [];
  for (const group of backup.workshop.groups) {
    groups.push({
      id: group.id,
      name: group.name,
      code: await freshJoinCode(registry, taken),
      generation: 0,
      locked: false,
      done: false,
    });
  }
  for (const [docId, state] of docs) await store.append(`${id}/${docId}`, state);
  for (const [groupId, versions] of timelines) {
    for (const version of versions) {
      await history.add(boardDocName(id, groupId), version);
    }
  }
  const record: WorkshopRecord = {
    id,
    title: backup.workshop.title,
    date: backup.workshop.date,
    scenario: scenario.scenario,
    scenarioVersion: backup.workshop.scenarioVersion ?? 1,
    phaseIndex: 0,
    takeHome: false,
    status: 'active',
    createdAt: Date.now(),
    groups,
  };
  await registry.create(record);
  return record;
}
