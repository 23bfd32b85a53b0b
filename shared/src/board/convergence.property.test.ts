import fc from 'fast-check';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ctx, deliver, makeReplicas, syncAll, type Replica } from '../testing/replicas';
import { compareOrdered } from './order';
import { noteText, readBoard } from './read';
import { boardSummary } from '../readModels/summary';
import { boardProgress } from '../readModels/progress';
import { statementOfApplicability } from '../readModels/soa';
import { SEMINAR4_SCENARIO } from '../scenario/load';
import {
  editNote,
  linkPlacements,
  movePlacement,
  placeControl,
  removePlacement,
  reorderPlacement,
  setSoaEntry,
} from './index';

// Few assets and controls so replicas collide often (same slot, same card, same note).
const ASSETS = ['customer-db', 'bcp', 'employee-pii'];
const CONTROLS = ['5.12', '5.13', '5.15', '5.18', '5.29'];
const REPLICAS = 3;

const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
const pick = fc.nat(20);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const),
    r: replica,
    asset: fc.constantFrom(...ASSETS),
    control: fc.constantFrom(...CONTROLS),
    index: fc.nat(4),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    r: replica,
    pick,
    asset: fc.constantFrom(...ASSETS),
    index: fc.nat(4),
  }),
  fc.record({ kind: fc.constant('reorder' as const), r: replica, pick, index: fc.nat(4) }),
  fc.record({ kind: fc.constant('remove' as const), r: replica, pick }),
  fc.record({
    kind: fc.constant('type' as const),
    r: replica,
    pick,
    at: fc.nat(30),
    del: fc.nat(3),
    text: fc.constantFrom('分類', 'ラベル', 'a', '、', '権限を限定する'),
  }),
  fc.record({ kind: fc.constant('link' as const), r: replica, pick, to: pick }),
  fc.record({
    kind: fc.constant('soa' as const),
    r: replica,
    control: fc.constantFrom(...CONTROLS),
    applicable: fc.constantFrom('yes' as const, 'no' as const, 'undecided' as const),
  }),
  fc.record({ kind: fc.constant('deliver' as const), from: replica, to: replica, seed: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function pickPlacement(doc: Y.Doc, index: number) {
  const placements = readBoard(doc).placements;
  return placements.length > 0 ? placements[index % placements.length] : undefined;
}

function shuffled(seed: number) {
  return (n: number) => {
    const order = Array.from({ length: n }, (_, i) => i);
    let state = seed || 1;
    for (let i = n - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  };
}

function run(replicas: Replica[], step: Op) {
  if (step.kind === 'deliver') {
    if (step.from !== step.to) deliver(replicas, step.from, step.to, shuffled(step.seed));
    return step.to;
  }
  const doc = replicas[step.r]!.doc;
  const target = 'pick' in step ? pickPlacement(doc, step.pick) : undefined;
  switch (step.kind) {
    case 'place':
      placeControl(doc, ctx, {
        assetId: step.asset,
        controlId: step.control,
        placedBy: `r${step.r}`,
        index: step.index,
      });
      break;
    case 'move':
      if (target)
        movePlacement(doc, ctx, { placementId: target.id, assetId: step.asset, index: step.index });
      break;
    case 'reorder':
      if (target) reorderPlacement(doc, ctx, { placementId: target.id, index: step.index });
      break;
    case 'remove':
      if (target) removePlacement(doc, ctx, { placementId: target.id });
      break;
    case 'type':
      if (target)
        editNote(doc, ctx, {
          placementId: target.id,
          index: step.at,
          deleteCount: step.del,
          insert: step.text,
        });
      break;
    case 'link': {
      const to = pickPlacement(doc, step.to);
      if (target && to)
        linkPlacements(doc, ctx, { from: target.id, to: to.id, createdBy: `r${step.r}` });
      break;
    }
    case 'soa':
      setSoaEntry(doc, ctx, {
        controlId: step.control,
        patch: { applicable: step.applicable },
        updatedBy: `r${step.r}`,
      });
      break;
  }
  return step.r;
}

/** What must hold on every replica after every merge. */
function checkInvariants(doc: Y.Doc) {
  const board = readBoard(doc);
  const slots = board.placements.map((p) => `${p.assetId}|${p.controlId}`);
  expect(new Set(slots).size, 'no control twice on one asset').toBe(slots.length);
  // A replica that received a move before the placement it moves (possible only with partial,
  // out-of-order delivery) holds the dependency as pending; once nothing is pending, every
  // card must have its note. Read models treat a missing note as empty meanwhile.
  const causallyComplete = doc.store.pendingStructs === null && doc.store.pendingDs === null;
  if (causallyComplete) {
    for (const placement of board.placements) {
      expect(noteText(doc, placement.id), `note of ${placement.id}`).toBeDefined();
    }
  }
  const ids = new Set(board.placements.map((p) => p.id));
  for (const link of board.links) expect(ids.has(link.from) && ids.has(link.to)).toBe(true);
  for (const asset of ASSETS) {
    const lane = board.placements.filter((p) => p.assetId === asset);
    for (let i = 1; i < lane.length; i++)
      expect(compareOrdered(lane[i - 1]!, lane[i]!)).toBeLessThan(0);
  }
  const summary = boardSummary(board, SEMINAR4_SCENARIO);
  expect(summary.assets.reduce((n, a) => n + a.placements.length, 0)).toBe(board.placements.length);
  boardProgress(board, SEMINAR4_SCENARIO);
  statementOfApplicability(board, SEMINAR4_SCENARIO);
}

describe('convergence (property-based, seeded)', () => {
  it(
    'replicas applying random commands and exchanging updates in random orders converge',
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (steps) => {
          const replicas = makeReplicas(REPLICAS);
          for (const step of steps) {
            const touched = run(replicas, step);
            checkInvariants(replicas[touched]!.doc);
          }
          syncAll(replicas);
          syncAll(replicas);
          const states = replicas.map(({ doc }) => JSON.stringify(readBoard(doc)));
          expect(states[1]).toBe(states[0]);
          expect(states[2]).toBe(states[0]);
          replicas.forEach(({ doc }) => checkInvariants(doc));
          const summaries = replicas.map(({ doc }) =>
            JSON.stringify(boardSummary(readBoard(doc), SEMINAR4_SCENARIO)),
          );
          expect(new Set(summaries).size).toBe(1);
        }),
        {
          numRuns: Number(process.env.FC_RUNS ?? 300),
          seed: Number(process.env.FC_SEED ?? 20260910),
        },
      );
    },
  );
});
