/**
 * Board history benchmark (issue 15): what the timeline costs for a 75-minute session of eight
 * groups. Each group builds a full board the way the model benchmark does (8 assets × 3 cards,
 * ~300-character Japanese notes typed one character at a time with 5 % backspaces, a link per
 * lane, 4 SoA exclusions, one card removed and re-placed per lane); its updates are spread evenly
 * over 75 minutes of simulated time and applied to a server-side Y.Doc. The real
 * HistoryRecorder and SqliteHistoryStore (a temp DATA_DIR) take the versions: `noteChange` on
 * every update, a periodic version every HISTORY_INTERVAL_MS of simulated time while the board
 * changed, and a phase version at each of the seminar's phase changes.
 *
 * Prints: versions and stored bytes (per board, per workshop), the time per version (encode +
 * SQLite insert + prune), the recorder's cost per update, and the history's total write time
 * spread over every update — next to the document store's own append cost for the same updates,
 * measured in the same run (SqliteDocStore, appends in batches as the server's group commit does).
 *
 * Run: npm run bench:history   (HISTORY_INTERVAL_MS=120000 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  SEMINAR4_SCENARIO,
  editNote,
  initBoard,
  linkPlacements,
  noteText,
  parseDocName,
  placeControl,
  removePlacement,
  setSoaEntry,
  type BoardContext,
} from '@isms/shared';
import { HistoryRecorder } from '../../server/src/history/recorder';
import { SqliteHistoryStore } from '../../server/src/history/sqlite';
import { SqliteDocStore } from '../../server/src/store/sqlite';
import type { Room } from '../../server/src/sync/room';

const GROUPS = 8;
const SESSION_MS = 75 * 60_000;
const INTERVAL_MS = Number(process.env.HISTORY_INTERVAL_MS ?? 120_000);
/** Phase changes of the seminar's schedule (minutes into the session). */
const PHASE_MINUTES = [5, 15, 45, 60, 70];
/** Updates the server's group commit writes together, on average, for one room of five. */
const COMMIT_BATCH = 5;
const NOTE_LENGTH = 300;
const PHRASE =
  '情報資産の重要度に応じて分類し、アクセスできる担当者を限定する。定期的に権限を見直し、ログを保管する。';
const CONTROL_POOL = [
  '5.12',
  '5.13',
  '5.18',
  '5.15',
  '5.23',
  '5.29',
  '5.30',
  '5.34',
  '5.10',
  '5.14',
  '5.1',
  '5.2',
];
const ctx: BoardContext = { scenario: SEMINAR4_SCENARIO };

function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Every update a group's clients send while building a full board, in order. */
function sessionUpdates(group: number): Uint8Array[] {
  const doc = new Y.Doc();
  initBoard(doc, {
    workshopId: 'bench',
    groupId: `g${group + 1}`,
    scenarioId: SEMINAR4_SCENARIO.id,
  });
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const random = rng(group + 1);
  const place = (assetId: string, controlId: string) => {
    const placed = placeControl(doc, ctx, { assetId, controlId, placedBy: 'member' });
    if (!placed.ok) throw new Error(placed.message);
    return placed.value.placementId;
  };
  SEMINAR4_SCENARIO.assets.forEach((asset, assetIndex) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const controlId = CONTROL_POOL[(assetIndex + i * 4 + group) % CONTROL_POOL.length]!;
      const id = place(asset.id, controlId);
      ids.push(id);
      let typed = 0;
      while (noteText(doc, id)!.length < NOTE_LENGTH) {
        const text = noteText(doc, id)!;
        if (random() < 0.05 && text.length > 0) {
          editNote(doc, ctx, {
            placementId: id,
            index: text.length - 1,
            deleteCount: 1,
            insert: '',
          });
        } else {
          const char = PHRASE[typed++ % PHRASE.length]!;
          editNote(doc, ctx, { placementId: id, index: text.length, deleteCount: 0, insert: char });
        }
      }
    }
    // A change of mind: the last card goes and comes back.
    removePlacement(doc, ctx, { placementId: ids[2]! });
    ids[2] = place(asset.id, CONTROL_POOL[(assetIndex + 8 + group) % CONTROL_POOL.length]!);
    linkPlacements(doc, ctx, { from: ids[0]!, to: ids[1]!, createdBy: 'member', label: '前提' });
  });
  for (const controlId of ['5.7', '5.8', '5.11', '5.35']) {
    setSoaEntry(doc, ctx, {
      controlId,
      patch: { applicable: 'no', exclusionReason: '今回の資産には該当しない' },
      updatedBy: 'member',
    });
  }
  return updates;
}

/** The parts of a Room the recorder reads, over a plain server-side doc. */
function benchRoom(docName: string): Room {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: `${docName} のメンバー` } });
  return {
    name: parseDocName(docName)!,
    docName,
    doc,
    awareness,
    destroyed: false,
    failed: false,
    whenPersisted: async () => undefined,
  } as unknown as Room;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'isms-history-bench-'));
  const history = new SqliteHistoryStore(dataDir);
  const docs = new SqliteDocStore(dataDir);
  let clock = 0;
  const recorder = new HistoryRecorder({
    store: history,
    // Periodic versions are driven below on the simulated clock, not by real timers.
    intervalMs: 2 ** 31 - 1,
    maxVersions: 300,
    withBoard: () => Promise.reject(new Error('not used by the benchmark')),
    log: pino({ level: 'silent' }),
    now: () => clock,
  });
  const groups = Array.from({ length: GROUPS }, (_, group) => ({
    room: benchRoom(`bench/g${group + 1}`),
    updates: sessionUpdates(group),
    next: 0,
    dirty: false,
  }));
  const totalUpdates = groups.reduce((sum, group) => sum + group.updates.length, 0);
  const updateBytes = groups.reduce(
    (sum, group) => sum + group.updates.reduce((n, u) => n + u.byteLength, 0),
    0,
  );

  let noteChangeMs = 0;
  let captureMs = 0;
  let versions = 0;
  const capture = async (reason: 'periodic' | 'phase') => {
    for (const group of groups) {
      if (reason === 'periodic' && !group.dirty) continue;
      const start = performance.now();
      await recorder.capture(group.room, reason);
      captureMs += performance.now() - start;
      versions += 1;
      group.dirty = false;
    }
  };
  const phases = PHASE_MINUTES.map((minute) => minute * 60_000);
  let nextPeriodic = INTERVAL_MS;
  for (let step = 0; step * 1000 <= SESSION_MS; step++) {
    clock = step * 1000;
    for (const group of groups) {
      const due = Math.floor((clock / SESSION_MS) * group.updates.length);
      while (group.next < Math.min(due, group.updates.length)) {
        Y.applyUpdate(group.room.doc, group.updates[group.next++]!);
        const start = performance.now();
        recorder.noteChange(group.room);
        noteChangeMs += performance.now() - start;
        group.dirty = true;
      }
    }
    if (phases[0] !== undefined && clock >= phases[0]) {
      phases.shift();
      await capture('phase');
    }
    if (clock >= nextPeriodic) {
      nextPeriodic += INTERVAL_MS;
      await capture('periodic');
    }
  }

  // Reference in the same run: the document store appending the same updates.
  const appendStart = performance.now();
  for (const group of groups) {
    const docName = group.room.docName;
    for (let i = 0; i < group.updates.length; i += COMMIT_BATCH) {
      await Promise.all(
        group.updates.slice(i, i + COMMIT_BATCH).map((update) => docs.append(docName, update)),
      );
    }
  }
  const appendMs = performance.now() - appendStart;

  const stored = await history.bytes('bench/');
  const perBoard = await Promise.all(groups.map((group) => history.list(group.room.docName)));
  const finalState = Y.encodeStateAsUpdate(groups[0]!.room.doc).byteLength;
  recorder.close();
  await history.close();
  await docs.close();
  rmSync(dataDir, { recursive: true, force: true });

  const rows: [string, string][] = [
    ['groups × session', `${GROUPS} × 75 min, ${totalUpdates} updates (${mb(updateBytes)})`],
    ['interval', `${INTERVAL_MS / 1000} s`],
    [
      'versions stored (all boards)',
      `${perBoard.reduce((n, list) => n + list.length, 0)} (${versions} captures)`,
    ],
    ['versions per board', perBoard.map((list) => list.length).join(', ')],
    ['history size, workshop', mb(stored)],
    ['history size, per board', kb(stored / GROUPS)],
    ['final board state', kb(finalState)],
    ['time per version (encode + insert + prune)', `${(captureMs / versions).toFixed(2)} ms`],
    [
      'recorder cost per update (noteChange)',
      `${((noteChangeMs / totalUpdates) * 1000).toFixed(2)} µs`,
    ],
    [
      'history write time spread over every update',
      `${(((captureMs + noteChangeMs) / totalUpdates) * 1000).toFixed(2)} µs`,
    ],
    [
      'reference: doc store append per update',
      `${((appendMs / totalUpdates) * 1000).toFixed(2)} µs`,
    ],
    [
      'extra write cost per update',
      `${(((captureMs + noteChangeMs) / appendMs) * 100).toFixed(1)} %`,
    ],
  ];
  console.log(`Board history benchmark, node ${process.version}`);
  console.log('| measure | value |\n| --- | --- |');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
}

await main();
