import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { MessageType, SyncMessageType } from '@isms/shared';
import { decodeFrame } from './frame';

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const sync = (subType: number, payload: Uint8Array) =>
  encode((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, subType);
    encoding.writeVarUint8Array(encoder, payload);
  });

describe('decodeFrame', () => {
  const payload = new Uint8Array([1, 2, 3]);

  it('decodes every message the y-websocket client sends', () => {
    expect(decodeFrame(sync(SyncMessageType.step1, payload))).toEqual({
      ok: true,
      frame: { type: 'sync-step1', stateVector: payload },
    });
    expect(decodeFrame(sync(SyncMessageType.step2, payload))).toEqual({
      ok: true,
      frame: { type: 'sync-step2', update: payload },
    });
    expect(decodeFrame(sync(SyncMessageType.update, payload))).toEqual({
      ok: true,
      frame: { type: 'sync-update', update: payload },
    });
    const awareness = encode((encoder) => {
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(encoder, payload);
    });
    expect(decodeFrame(awareness)).toEqual({
      ok: true,
      frame: { type: 'awareness', update: payload },
    });
    expect(decodeFrame(new Uint8Array([MessageType.queryAwareness]))).toEqual({
      ok: true,
      frame: { type: 'query-awareness' },
    });
  });

  it.each([
    ['empty', new Uint8Array([]), 'empty'],
    ['truncated varint type', new Uint8Array([0x80]), 'truncated'],
    ['truncated sync sub-type', new Uint8Array([0, 0x81]), 'truncated'],
    ['missing payload', new Uint8Array([0, 2]), 'truncated'],
    ['length beyond the frame', new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f, 1]), 'truncated'],
    ['trailing bytes', new Uint8Array([0, 2, 1, 9, 9]), 'trailing-bytes'],
    ['trailing bytes after query-awareness', new Uint8Array([3, 0]), 'trailing-bytes'],
    ['unknown message type', new Uint8Array([7]), 'unknown-message-type'],
    ['unknown sync type', new Uint8Array([0, 5, 0]), 'unknown-sync-type'],
    ['auth from a client', new Uint8Array([2, 0, 0]), 'auth-from-client'],
  ])('rejects %s', (_name, frame, reason) => {
    expect(decodeFrame(frame)).toEqual({ ok: false, reason });
  });
});
