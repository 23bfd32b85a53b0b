import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RemoteOrigin, SEMINAR4_SCENARIO, initBoard, readBoard } from '@isms/shared';
import { BoardActions } from './actions';

function pair() {
  const local = new Y.Doc();
  const remote = new Y.Doc();
  initBoard(local, { workshopId: 'w', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (!(origin instanceof RemoteOrigin)) Y.applyUpdate(remote, update, new RemoteOrigin());
  });
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (!(origin instanceof RemoteOrigin)) Y.applyUpdate(local, update, new RemoteOrigin());
  });
  return { local, remote };
}

describe('BoardActions undo', () => {
  it("undoes the user's own placement and never a teammate's", () => {
    const { local, remote } = pair();
    const mine = new BoardActions(local, SEMINAR4_SCENARIO, 'A');
    const theirs = new BoardActions(remote, SEMINAR4_SCENARIO, 'B');
    expect(mine.place('customer-db', '5.12').ok).toBe(true);
    expect(theirs.place('customer-db', '5.15').ok).toBe(true);
    mine.undoManager.stopCapturing();
    mine.undo();
    const controls = readBoard(local).placements.map((p) => p.controlId);
    expect(controls).toEqual(['5.15']);
    expect(readBoard(remote).placements.map((p) => p.controlId)).toEqual(['5.15']);
    expect(mine.getUndoState()).toEqual({ canUndo: false, canRedo: true });
    mine.redo();
    expect(
      readBoard(local)
        .placements.map((p) => p.controlId)
        .sort(),
    ).toEqual(['5.12', '5.15']);
  });

  it('does not offer undo after only remote edits', () => {
    const { local, remote } = pair();
    const mine = new BoardActions(local, SEMINAR4_SCENARIO, 'A');
    new BoardActions(remote, SEMINAR4_SCENARIO, 'B').place('bcp', '5.29');
    expect(readBoard(local).placements).toHaveLength(1);
    expect(mine.undoManager.canUndo()).toBe(false);
  });
});
