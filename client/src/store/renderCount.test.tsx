// @vitest-environment happy-dom
import { memo } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RemoteOrigin, SEMINAR4_SCENARIO, initBoard, placeControl, setNote } from '@isms/shared';
import { BoardStore } from './boardStore';
import { useSelector } from './useSelector';

// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const renders = new Map<string, number>();
const count = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);

const Card = memo(function Card({ store, id }: { store: BoardStore; id: string }) {
  const card = useSelector(store, (view) => view.cards[id]);
  count(`card:${card?.controlId}`);
  return <p>{card?.note}</p>;
});

const Lane = memo(function Lane({ store, index }: { store: BoardStore; index: number }) {
  const lane = useSelector(store, (view) => view.lanes[index]);
  count(`lane:${lane?.asset.id}`);
  return (
    <section>
      {lane?.placementIds.map((id) => (
        <Card key={id} store={store} id={id} />
      ))}
    </section>
  );
});

function Board({ store }: { store: BoardStore }) {
  const laneCount = useSelector(store, (view) => view.lanes.length);
  count('board');
  return (
    <>
      {Array.from({ length: laneCount }, (_, index) => (
        <Lane key={index} store={store} index={index} />
      ))}
    </>
  );
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup() {
  const local = new Y.Doc();
  const ctx = { scenario: SEMINAR4_SCENARIO };
  initBoard(local, { workshopId: 'w', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
  const place = (assetId: string, controlId: string) => {
    const result = placeControl(local, ctx, { assetId, controlId, placedBy: 'A' });
    if (!result.ok) throw new Error(result.message);
    return result.value.placementId;
  };
  const ids = { p512: place('customer-db', '5.12'), p515: place('customer-db', '5.15') };
  place('bcp', '5.29');
  // The teammate's replica: its edits reach ours as remote updates.
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  remote.on('update', (update: Uint8Array) => Y.applyUpdate(local, update, new RemoteOrigin()));
  const store = new BoardStore(local, SEMINAR4_SCENARIO);
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<Board store={store} />));
  cleanups.push(() => {
    act(() => root.unmount());
    store.destroy();
  });
  renders.clear();
  return { remote, ctx, ids, container };
}

describe('render counts under remote edits', () => {
  it('a remote note edit re-renders only the card whose note changed', () => {
    const { remote, ctx, ids, container } = setup();
    act(() => {
      setNote(remote, ctx, ids.p512, '分類基準を定める');
    });
    expect(container.textContent).toContain('分類基準を定める');
    expect(Object.fromEntries(renders)).toEqual({ 'card:5.12': 1 });
  });

  it('a remote placement re-renders its lane and the new card, nothing else', () => {
    const { remote, ctx } = setup();
    act(() => {
      placeControl(remote, ctx, { assetId: 'bcp', controlId: '5.30', placedBy: 'B' });
    });
    expect(Object.fromEntries(renders)).toEqual({ 'lane:bcp': 1, 'card:5.30': 1 });
  });
});
