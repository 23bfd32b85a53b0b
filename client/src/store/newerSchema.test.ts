import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION,
  RemoteOrigin,
  SEMINAR4_SCENARIO,
  ServerOrigin,
  initBoard,
  readBoard,
} from '@isms/shared';
import { BoardActions } from './actions';
import { BoardStore } from './boardStore';

/**
 * The version guard (docs/board-schema.md): this client opens a board that a newer server has
 * migrated one schema version ahead. It shows it, read-only, and writes nothing.
 */
describe('a board migrated one version ahead', () => {
  it('is shown read-only with its reason, and no action or undo writes to it', () => {
    const server = new Y.Doc();
    initBoard(server, { workshopId: 'w', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server), new RemoteOrigin());
    const store = new BoardStore(local, SEMINAR4_SCENARIO);
    const actions = new BoardActions(local, SEMINAR4_SCENARIO, 'A');
    expect(actions.place('customer-db', '5.12').ok).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ locked: false, readOnlyReason: null });

    // The newer server's migration arrives like any remote update.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    const before = Y.encodeStateVector(server);
    server.transact(
      () => server.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 1),
      new ServerOrigin('migrate'),
    );
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server, before), new RemoteOrigin());

    expect(store.getSnapshot()).toMatchObject({ locked: true, readOnlyReason: 'newer-schema' });
    const stateBefore = Y.encodeStateVector(local);
    const placed = actions.place('customer-db', '5.13');
    expect(placed.ok ? 'ok' : placed.code).toBe('newer-schema');
    actions.undo();
    expect(Y.encodeStateVector(local)).toEqual(stateBefore);
    expect(readBoard(local).placements.map((p) => p.controlId)).toEqual(['5.12']);
    actions.destroy();
    store.destroy();
  });
});
