import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '@isms/shared';
import { Outbox, type Recipient } from './outbox';

/** A socket that records the updates it was sent (decoded from the y-websocket frame). */
function recipient(id: string): Recipient & { updates: Uint8Array[] } {
  const updates: Uint8Array[] = [];
  return {
    id,
    updates,
    write(frame: Uint8Array) {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
      expect(decoding.readVarUint(decoder)).toBe(SyncMessageType.update);
      updates.push(decoding.readVarUint8Array(decoder));
      return true;
    },
  };
}

/** One edit by its own client: the update that appends `text`. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noAwareness = () => new Uint8Array();

/** What a client sees after applying every frame it was sent. */
function textOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return [...doc.getText('t').toString()].sort();
}

describe('Outbox', () => {
  it('sends a lone update at once, to everyone but its sender', async () => {
    const [a, b, c] = [recipient('a'), recipient('b'), recipient('c')];
    const outbox = new Outbox(
      () => [a, b, c],
      noAwareness,
      () => 50,
    );
    outbox.pushUpdate(edit('x'), 'a');
    await microtask();
    expect(a.updates).toHaveLength(0);
    expect(b.updates).toHaveLength(1);
    expect(c.updates).toHaveLength(1);
    outbox.dispose();
  });

  it('holds updates that follow within the interval and sends them as one frame', async () => {
    const [a, b, c] = [recipient('a'), recipient('b'), recipient('c')];
    const outbox = new Outbox(
      () => [a, b, c],
      noAwareness,
      () => 40,
    );
    outbox.pushUpdate(edit('x'), 'a');
    await microtask();
    outbox.pushUpdate(edit('y'), 'b');
    outbox.pushUpdate(edit('z'), 'c');
    await microtask();
    expect(c.updates).toHaveLength(1); // only "x" so far: the rest waits for the interval
    await sleep(80);
    // One merged frame with both senders' updates, to everybody (mixed senders).
    expect(a.updates).toHaveLength(1);
    expect(c.updates).toHaveLength(2);
    expect(textOf(a.updates)).toEqual(['y', 'z']);
    expect(textOf(c.updates)).toEqual(['x', 'y', 'z']);
    outbox.dispose();
  });

  it('adds no delay without an interval (small rooms)', async () => {
    const [a, b] = [recipient('a'), recipient('b')];
    const outbox = new Outbox(() => [a, b], noAwareness);
    for (const text of ['p', 'q', 'r']) {
      outbox.pushUpdate(edit(text), 'a');
      await microtask();
    }
    expect(b.updates).toHaveLength(3);
  });

  it('drops a held flush when disposed', async () => {
    const [a, b] = [recipient('a'), recipient('b')];
    const outbox = new Outbox(
      () => [a, b],
      noAwareness,
      () => 30,
    );
    outbox.pushUpdate(edit('x'), 'a');
    await microtask();
    outbox.pushUpdate(edit('y'), 'a');
    outbox.dispose();
    await sleep(60);
    expect(b.updates).toHaveLength(1);
  });
});
