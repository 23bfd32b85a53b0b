/**
 * Model benchmark (issue 2 §7): a full workshop board built the way a group builds it
 * (8 assets × 3 cards, ~300-character Japanese notes typed one character at a time with some
 * corrections, links, SoA entries, feedback). Prints encoded sizes and median timings, each
 * next to a reference measured in the same run:
 *  - "plain JSON": the same board content as JSON (JSON.parse) — the floor for loading it;
 *  - "raw Yjs text": the same characters typed into one Y.Text — Yjs's own cost without our schema.
 * Run: npm run bench:model   (ITERATIONS=50 by default)
 */
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  addFeedback,
  boardSummary,
  editNote,
  initBoard,
  linkPlacements,
  mergedView,
  noteText,
  placeControl,
  readBoard,
  setSoaEntry,
  type BoardContext,
} from '../src/index';

const ITERATIONS = Number(process.env.ITERATIONS ?? 50);
const NOTE_LENGTH = 300;
const ctx: BoardContext = { scenario: SEMINAR4_SCENARIO };
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
const PHRASE =
  '情報資産の重要度に応じて分類し、アクセスできる担当者を限定する。定期的に権限を見直し、ログを保管する。';

/** Deterministic pseudo-random so every run builds the same board. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function typeNote(doc: Y.Doc, placementId: string, random: () => number) {
  let typed = 0;
  while (noteText(doc, placementId)!.length < NOTE_LENGTH) {
    const text = noteText(doc, placementId)!;
    if (random() < 0.05 && text.length > 0) {
      editNote(doc, ctx, { placementId, index: text.length - 1, deleteCount: 1, insert: '' });
    } else {
      const char = PHRASE[typed++ % PHRASE.length]!;
      editNote(doc, ctx, { placementId, index: text.length, deleteCount: 0, insert: char });
    }
  }
}

function buildBoard(groupIndex: number, gc: boolean): Y.Doc {
  const doc = new Y.Doc({ gc });
  initBoard(doc, {
    workshopId: 'bench',
    groupId: `g${groupIndex + 1}`,
    scenarioId: SEMINAR4_SCENARIO.id,
  });
  const random = rng(groupIndex + 1);
  SEMINAR4_SCENARIO.assets.forEach((asset, assetIndex) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const controlId = CONTROL_POOL[(assetIndex + i * 4 + groupIndex) % CONTROL_POOL.length]!;
      const placed = placeControl(doc, ctx, {
        assetId: asset.id,
        controlId,
        placedBy: `member${i}`,
      });
      if (!placed.ok) throw new Error(placed.message);
      ids.push(placed.value.placementId);
      typeNote(doc, placed.value.placementId, random);
    }
    linkPlacements(doc, ctx, { from: ids[0]!, to: ids[1]!, createdBy: 'member0', label: '前提' });
    addFeedback(doc, ctx, {
      author: '講師',
      text: '関連性がよく考えられています',
      anchor: { kind: 'asset', assetId: asset.id },
    });
  });
  for (const controlId of ['5.7', '5.8', '5.11', '5.35']) {
    setSoaEntry(doc, ctx, {
      controlId,
      patch: { applicable: 'no', exclusionReason: '今回の資産には該当しない' },
      updatedBy: 'member1',
    });
  }
  return doc;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const boards = Array.from({ length: 8 }, (_, i) => buildBoard(i, true));
const update = Y.encodeStateAsUpdate(boards[0]!);
const updateNoGc = Y.encodeStateAsUpdate(buildBoard(0, false));
const json = JSON.stringify(readBoard(boards[0]!));
const updates = boards.map((doc) => Y.encodeStateAsUpdate(doc));

// Reference: the same characters typed into one Y.Text.
const rawDoc = new Y.Doc();
const rawText = rawDoc.getText('t');
const characters = readBoard(boards[0]!).placements.reduce((n, p) => n + p.note.length, 0);
for (let i = 0; i < characters; i++) rawText.insert(rawText.length, PHRASE[i % PHRASE.length]!);
const rawUpdate = Y.encodeStateAsUpdate(rawDoc);

const loadAndSummary = time(() => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  boardSummary(readBoard(doc), SEMINAR4_SCENARIO);
});
const loadOnly = time(() => Y.applyUpdate(new Y.Doc(), update));
const rawLoad = time(() => Y.applyUpdate(new Y.Doc(), rawUpdate));
const jsonLoad = time(() => JSON.parse(json));
const summaryOnly = time(() => boardSummary(readBoard(boards[0]!), SEMINAR4_SCENARIO));
const mergedLoaded = time(() =>
  mergedView(
    boards.map((doc, i) => ({
      groupId: `g${i + 1}`,
      groupName: `グループ${i + 1}`,
      board: readBoard(doc),
    })),
    SEMINAR4_SCENARIO,
  ),
);
const mergedFromUpdates = time(() =>
  mergedView(
    updates.map((u, i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, u);
      return { groupId: `g${i + 1}`, groupName: `グループ${i + 1}`, board: readBoard(doc) };
    }),
    SEMINAR4_SCENARIO,
  ),
);

const rows: [string, string, string, string][] = [
  [
    'encoded board (GC on)',
    kb(update.byteLength),
    `plain JSON ${kb(json.length * 3)} (UTF-8 upper bound)`,
    '≤ 64 KB',
  ],
  [
    'encoded board (GC off)',
    kb(updateNoGc.byteLength),
    `raw Yjs text ${kb(rawUpdate.byteLength)}`,
    '—',
  ],
  [
    'load from update',
    fmt(loadOnly),
    `raw Yjs text ${fmt(rawLoad)} (×${(loadOnly / rawLoad).toFixed(1)})`,
    '—',
  ],
  [
    'load + summary, one board',
    fmt(loadAndSummary),
    `JSON.parse ${fmt(jsonLoad)} (×${(loadAndSummary / jsonLoad).toFixed(1)})`,
    '≤ 5 ms',
  ],
  ['summary of a loaded board', fmt(summaryOnly), '—', '—'],
  ['merged view, 8 loaded boards', fmt(mergedLoaded), '—', '≤ 10 ms'],
  ['merged view, 8 boards from updates', fmt(mergedFromUpdates), '—', '—'],
];
console.log(
  `Model benchmark — ${characters} note characters per board typed one by one, ${ITERATIONS} iterations, median`,
);
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
console.log('| measure | ours | reference (same run) | target |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
