import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { decodeAwareness, decodeUpdateSafely, isValidStateVector, wouldChange } from './validate';

function textDoc(content: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, content);
  return doc;
}

function decoded(update: Uint8Array) {
  const result = decodeUpdateSafely(update);
  if (!result) throw new Error('expected a decodable update');
  return result;
}

describe('validate', () => {
  it('decodes real updates and refuses garbage', () => {
    expect(decodeUpdateSafely(Y.encodeStateAsUpdate(textDoc('abc')))).not.toBeNull();
    expect(decodeUpdateSafely(new Uint8Array([0xff, 0xff, 0xff]))).toBeNull();
    expect(isValidStateVector(Y.encodeStateVector(textDoc('x')))).toBe(true);
    expect(isValidStateVector(new Uint8Array([5, 0x80]))).toBe(false);
  });

  it('wouldChange: new structs or new deletions change the doc; an echo does not', () => {
    const server = textDoc('hello');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // The empty sync step 2 a provider sends after connecting: its whole state, nothing new.
    expect(
      wouldChange(server, decoded(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))),
    ).toBe(false);
    expect(wouldChange(server, decoded(Y.encodeStateAsUpdate(client)))).toBe(false);
    const before = Y.encodeStateVector(client);
    client.getText('t').insert(0, '!');
    expect(wouldChange(server, decoded(Y.encodeStateAsUpdate(client, before)))).toBe(true);
  });

  it('wouldChange: a deletion of something not yet deleted changes the doc, a repeated one does not', () => {
    const server = textDoc('hello');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    client.getText('t').delete(0, 2);
    const deletion = Y.encodeStateAsUpdate(client, before);
    expect(wouldChange(server, decoded(deletion))).toBe(true);
    Y.applyUpdate(server, deletion);
    expect(wouldChange(server, decoded(deletion))).toBe(false);
  });

  const decode = (update: Uint8Array) => decodeAwareness(update, () => false)?.entries ?? null;

  it('parses awareness updates and rejects malformed ones', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 42);
    encoding.writeVarUint(encoder, 3);
    encoding.writeVarString(encoder, JSON.stringify({ user: { name: 'あ' } }));
    expect(decode(encoding.toUint8Array(encoder))).toEqual([
      { clientId: 42, clock: 3, state: { user: { name: 'あ' } } },
    ]);
    const badJson = encoding.createEncoder();
    encoding.writeVarUint(badJson, 1);
    encoding.writeVarUint(badJson, 1);
    encoding.writeVarUint(badJson, 1);
    encoding.writeVarString(badJson, '{');
    expect(decode(encoding.toUint8Array(badJson))).toBeNull();
    expect(decode(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))).toBeNull();
    expect(decode(new Uint8Array([0, 7]))).toBeNull();
  });

  it('skips the entries of ids it is told to without reading their state', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 7); // another socket's client: an echo
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, '{ not json, never parsed');
    encoding.writeVarUint(encoder, 8);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarString(encoder, JSON.stringify({ cursor: 1 }));
    expect(decodeAwareness(encoding.toUint8Array(encoder), (id) => id === 7)).toEqual({
      entries: [{ clientId: 8, clock: 2, state: { cursor: 1 } }],
      skipped: 1,
    });
    // A truncated skipped entry is still a malformed frame.
    const truncated = encoding.toUint8Array(encoder).slice(0, 6);
    expect(decodeAwareness(truncated, (id) => id === 7)).toBeNull();
  });
});
