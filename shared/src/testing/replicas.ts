import * as Y from 'yjs';
import { initBoard } from '../board/commands/meta';
import type { BoardContext } from '../board/context';
import { SEMINAR4_SCENARIO } from '../scenario/load';

/**
 * Deterministic multi-replica harness (after tldraw's hand-flushed socket pairs): replicas
 * queue their updates and the test decides when and in which order each peer receives them.
 */
export interface Replica {
  name: string;
  doc: Y.Doc;
  /** Updates this replica produced and has not yet delivered to peer i. */
  outbox: Uint8Array[][];
}

export const ctx: BoardContext = { scenario: SEMINAR4_SCENARIO };

export function seedBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { workshopId: 'w1', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
  return doc;
}

export function makeReplicas(count: number): Replica[] {
  const seed = Y.encodeStateAsUpdate(seedBoard());
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed, 'seed');
    replicas.push({ name: `r${i}`, doc, outbox: Array.from({ length: count }, () => []) });
  }
  replicas.forEach((replica, i) => {
    replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      replicas.forEach((_, j) => {
        if (j !== i) replica.outbox[j]!.push(update);
      });
    });
  });
  return replicas;
}

/** Delivers everything `from` has queued for `to`, optionally in a shuffled order. */
export function deliver(
  replicas: Replica[],
  from: number,
  to: number,
  order?: (n: number) => number[],
) {
  const queue = replicas[from]!.outbox[to]!;
  const updates = queue.splice(0, queue.length);
  const indices = order ? order(updates.length) : updates.map((_, i) => i);
  for (const index of indices) Y.applyUpdate(replicas[to]!.doc, updates[index]!, 'peer');
}

export function syncAll(replicas: Replica[]) {
  for (let from = 0; from < replicas.length; from++) {
    for (let to = 0; to < replicas.length; to++) if (from !== to) deliver(replicas, from, to);
  }
}
