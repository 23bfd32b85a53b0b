import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  DenyReason,
  LocalOrigin,
  MAX_CARDS_PER_ASSET,
  MAX_NOTE_LENGTH,
  RemoteOrigin,
  SEMINAR4_SCENARIO,
  ServerOrigin,
  editNote,
  initBoard,
  linkPlacements,
  listPlacements,
  movePlacement,
  placeControl,
  readBoard,
  removePlacement,
  reorderPlacement,
  setSoaEntry,
  unlinkPlacements,
} from '@isms/shared';
import { Admission } from './admission';
import { participantWriteDenial } from './boardWrites';
import { MISSING_DEPENDENCY_GRACE } from './pipeline';
import { decodeUpdateSafely } from './validate';

/**
 * The other side of the attack tests: honest replicas (participants) apply random sequences of
 * legal board commands — concurrently, offline, reconnecting, with y-websocket's race of an
 * update sent before its sync step 2 — and every update they send goes through the server's
 * admission (admission.ts with the participant schema check, as Room runs it). No honest write
 * is ever denied; an update refused for missing dependencies (the race, a dropped frame) is
 * healed by the sync step 1 the server then sends, within the grace; at the end every replica
 * and the server hold the same board and the server holds everything every replica wrote.
 *
 * Few assets and controls so replicas collide (same slot, same note, a lane at the hard cap),
 * and long inserts so concurrent typists push one note past MAX_NOTE_LENGTH together.
 */
const ASSETS = ['customer-db', 'bcp'];
const CONTROLS = Array.from({ length: 16 }, (_, index) => `5.${index + 1}`);
const REPLICAS = 3;
const ctx = { scenario: SEMINAR4_SCENARIO };
const check = (doc: Y.Doc, transaction: Y.Transaction) =>
  participantWriteDenial(doc, transaction, SEMINAR4_SCENARIO);

interface Replica {
  doc: Y.Doc;
  online: boolean;
  /** The server's state vector from its sync step 1 at join; null once step 2 was sent. */
  joinedAt: Uint8Array | null;
  /** Frames on their way to the server, in order. */
  outbox: Uint8Array[];
  /** Broadcasts on their way to this replica, in order. */
  inbox: Uint8Array[];
  missingInARow: number;
}

class World {
  readonly server = new Y.Doc();
  readonly admission = new Admission(this.server);
  readonly replicas: Replica[] = [];
  readonly denials: string[] = [];

  constructor() {
    initBoard(this.server, { workshopId: 'w', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
    // One card everybody starts with, so replicas type into the same note from the start.
    const seed = new Y.Doc();
    Y.applyUpdate(seed, Y.encodeStateAsUpdate(this.server));
    placeControl(seed, ctx, { assetId: ASSETS[0]!, controlId: '5.16', placedBy: 'seed' });
    Y.applyUpdate(this.server, Y.encodeStateAsUpdate(seed));
    seed.destroy();
    for (let index = 0; index < REPLICAS; index += 1) {
      const doc = new Y.Doc();
      const replica: Replica = {
        doc,
        online: false,
        joinedAt: null,
        outbox: [],
        inbox: [],
        missingInARow: 0,
      };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin instanceof LocalOrigin && replica.online) replica.outbox.push(update);
      });
      this.replicas.push(replica);
      this.connect(index);
      this.handshake(index);
    }
  }

  connect(index: number) {
    const replica = this.replicas[index]!;
    if (replica.online) return;
    replica.online = true;
    replica.joinedAt = Y.encodeStateVector(this.server);
    // The server's answer to the client's step 1 (its whole diff), queued like a broadcast.
    replica.inbox.push(Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(replica.doc)));
  }

  /** The client received the server's step 1 and answers with step 2. */
  handshake(index: number) {
    const replica = this.replicas[index]!;
    if (!replica.online || replica.joinedAt === null) return;
    replica.outbox.push(Y.encodeStateAsUpdate(replica.doc, replica.joinedAt));
    replica.joinedAt = null;
  }

  /** The socket dropped: frames in flight both ways are lost; the doc keeps everything. */
  disconnect(index: number) {
    const replica = this.replicas[index]!;
    replica.online = false;
    replica.joinedAt = null;
    replica.outbox = [];
    replica.inbox = [];
    replica.missingInARow = 0;
  }

  send(index: number, count: number) {
    const replica = this.replicas[index]!;
    for (let n = 0; n < count && replica.outbox.length > 0; n += 1) {
      const bytes = replica.outbox.shift()!;
      const decoded = decodeUpdateSafely(bytes);
      expect(decoded, 'an honest update decodes').not.toBeNull();
      let applied: Uint8Array | null = null;
      const denial = this.admission.admit({ bytes, decoded: decoded! }, check, (update) => {
        const before = Y.encodeStateVector(this.server);
        Y.applyUpdate(this.server, update, new ServerOrigin('client'));
        applied = Y.encodeStateAsUpdate(this.server, before);
      });
      if (denial === null) {
        replica.missingInARow = 0;
        for (const other of this.replicas) {
          if (other !== replica && other.online && applied) other.inbox.push(applied);
        }
        continue;
      }
      this.denials.push(denial);
      expect(denial, 'an honest write is only ever refused as not yet integrable').toBe(
        DenyReason.missingDependencies,
      );
      replica.missingInARow += 1;
      expect(replica.missingInARow).toBeLessThanOrEqual(MISSING_DEPENDENCY_GRACE);
      // The server's sync step 1 (first of a streak); the client answers after what it sent.
      if (replica.missingInARow === 1) {
        replica.outbox.push(Y.encodeStateAsUpdate(replica.doc, Y.encodeStateVector(this.server)));
      }
    }
  }

  receive(index: number, count: number) {
    const replica = this.replicas[index]!;
    for (let n = 0; n < count && replica.inbox.length > 0; n += 1) {
      Y.applyUpdate(replica.doc, replica.inbox.shift()!, new RemoteOrigin());
    }
  }

  /** Everyone online, handshaken, and every frame delivered until nothing moves. */
  settle() {
    for (let index = 0; index < REPLICAS; index += 1) {
      this.connect(index);
      this.handshake(index);
    }
    for (let round = 0; round < 20; round += 1) {
      const busy = this.replicas.some((r) => r.outbox.length > 0 || r.inbox.length > 0);
      if (!busy) return;
      for (let index = 0; index < REPLICAS; index += 1) {
        this.send(index, Infinity);
        this.receive(index, Infinity);
      }
    }
    throw new Error('did not settle');
  }

  destroy() {
    this.admission.destroy();
    this.server.destroy();
    for (const replica of this.replicas) replica.doc.destroy();
  }
}

const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
/** Mostly the first cards: replicas then type into the same note and move the same card. */
const pick = fc.oneof(fc.nat(1), fc.nat(30));
const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      r: replica,
      asset: fc.constantFrom(...ASSETS),
      control: fc.constantFrom(...CONTROLS),
      index: fc.nat(6),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      r: replica,
      asset: fc.constantFrom(...ASSETS),
      from: fc.nat(CONTROLS.length - 1),
      count: fc.integer({ min: 4, max: 12 }),
    }),
  },
  fc.record({
    kind: fc.constant('move' as const),
    r: replica,
    pick,
    asset: fc.constantFrom(...ASSETS),
    index: fc.nat(6),
  }),
  fc.record({ kind: fc.constant('reorder' as const), r: replica, pick, index: fc.nat(6) }),
  fc.record({ kind: fc.constant('remove' as const), r: replica, pick }),
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      r: replica,
      pick,
      at: fc.nat(6000),
      del: fc.nat(40),
      // Half long: a note reaches MAX_NOTE_LENGTH on one replica, and beyond it merged.
      text: fc.oneof(
        fc.constantFrom('分類', 'a', '権限を限定する'),
        fc.constantFrom('x'.repeat(3000), 'ゆ'.repeat(4000)),
      ),
    }),
  },
  fc.record({
    kind: fc.constant('link' as const),
    r: replica,
    pick,
    to: pick,
    label: fc.string({ maxLength: 80 }),
  }),
  fc.record({ kind: fc.constant('unlink' as const), r: replica, pick }),
  fc.record({
    kind: fc.constant('soa' as const),
    r: replica,
    control: fc.constantFrom(...CONTROLS),
    applicable: fc.constantFrom('yes' as const, 'no' as const, 'undecided' as const),
    note: fc.string({ maxLength: 40 }),
  }),
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('send' as const), r: replica, count: fc.nat(4) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('receive' as const), r: replica, count: fc.nat(4) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('disconnect' as const), r: replica }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('connect' as const), r: replica }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('handshake' as const), r: replica }) },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

function pickPlacement(doc: Y.Doc, index: number) {
  const placements = listPlacements(doc);
  return placements.length > 0 ? placements[index % placements.length] : undefined;
}

function edit(
  doc: Y.Doc,
  step: Exclude<Command, { kind: 'send' | 'receive' | 'disconnect' | 'connect' | 'handshake' }>,
) {
  const target = 'pick' in step ? pickPlacement(doc, step.pick) : undefined;
  const by = `r${step.r}`;
  switch (step.kind) {
    case 'place':
      return placeControl(doc, ctx, {
        assetId: step.asset,
        controlId: step.control,
        placedBy: by,
        index: step.index,
      });
    case 'fill':
      for (let n = 0; n < step.count; n += 1) {
        const controlId = CONTROLS[(step.from + n) % CONTROLS.length]!;
        placeControl(doc, ctx, { assetId: step.asset, controlId, placedBy: by });
      }
      return;
    case 'move':
      return (
        target &&
        movePlacement(doc, ctx, { placementId: target.id, assetId: step.asset, index: step.index })
      );
    case 'reorder':
      return target && reorderPlacement(doc, ctx, { placementId: target.id, index: step.index });
    case 'remove':
      return target && removePlacement(doc, ctx, { placementId: target.id });
    case 'type':
      return (
        target &&
        editNote(doc, ctx, {
          placementId: target.id,
          index: step.at,
          deleteCount: step.del,
          insert: step.text,
        })
      );
    case 'link': {
      const to = pickPlacement(doc, step.to);
      return (
        target &&
        to &&
        linkPlacements(doc, ctx, { from: target.id, to: to.id, label: step.label, createdBy: by })
      );
    }
    case 'unlink': {
      const links = readBoard(doc).links;
      const link = links[step.pick % Math.max(1, links.length)];
      return link && unlinkPlacements(doc, ctx, { linkId: link.id });
    }
    case 'soa':
      return setSoaEntry(doc, ctx, {
        controlId: step.control,
        patch: { applicable: step.applicable, note: step.note },
        updatedBy: by,
      });
  }
}

function run(world: World, step: Command) {
  switch (step.kind) {
    case 'send':
      return world.send(step.r, step.count);
    case 'receive':
      return world.receive(step.r, step.count);
    case 'disconnect':
      return world.disconnect(step.r);
    case 'connect':
      return world.connect(step.r);
    case 'handshake':
      return world.handshake(step.r);
    default:
      edit(world.replicas[step.r]!.doc, step);
  }
}

describe('admission (property-based, seeded): honest replicas are never refused', () => {
  it(
    'random legal commands, concurrent, offline and reconnecting: no honest write denied, nothing lost',
    { timeout: 300_000 },
    () => {
      // The hard cases must actually occur, or "never refused" proves little.
      const seen = { noteOverLimit: 0, laneOverCap: 0, healedMissing: 0 };
      fc.assert(
        fc.property(fc.array(command, { minLength: 20, maxLength: 60, size: 'max' }), (steps) => {
          const world = new World();
          try {
            for (const step of steps) run(world, step);
            world.settle();
            const server = JSON.stringify(readBoard(world.server));
            for (const { doc } of world.replicas) {
              expect(JSON.stringify(readBoard(doc))).toBe(server);
              // Nothing any replica wrote is missing on the server.
              for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
                expect(Y.getState(world.server.store, client)).toBeGreaterThanOrEqual(clock);
              }
            }
            expect(world.server.store.pendingStructs).toBeNull();
            expect(world.server.store.pendingDs).toBeNull();
            const board = readBoard(world.server);
            if (board.placements.some((p) => p.note.length > MAX_NOTE_LENGTH))
              seen.noteOverLimit += 1;
            if (
              ASSETS.some(
                (a) => board.placements.filter((p) => p.assetId === a).length > MAX_CARDS_PER_ASSET,
              )
            )
              seen.laneOverCap += 1;
            if (world.denials.length > 0) seen.healedMissing += 1;
          } finally {
            world.destroy();
          }
        }),
        {
          numRuns: Number(process.env.FC_RUNS ?? 1000),
          seed: Number(process.env.FC_SEED ?? 20261201),
        },
      );
      expect(seen.noteOverLimit, 'merged notes over MAX_NOTE_LENGTH').toBeGreaterThan(0);
      expect(seen.laneOverCap, 'merged lanes over MAX_CARDS_PER_ASSET').toBeGreaterThan(0);
      expect(seen.healedMissing, 'updates sent before their sync step 2').toBeGreaterThan(0);
    },
  );
});
