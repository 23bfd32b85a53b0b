import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode, MessageType, StoreStatus } from '@isms/shared';
import { closeMeansSavingPaused, readSavingPaused } from './storeStatus';

/** A storeStatus frame as the server encodes it, with the type already read (as y-websocket does). */
function payload(status: number): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.storeStatus);
  encoding.writeVarUint(encoder, status);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  expect(decoding.readVarUint(decoder)).toBe(MessageType.storeStatus);
  return decoder;
}

describe('store status', () => {
  it('reads paused and saving', () => {
    expect(readSavingPaused(payload(StoreStatus.paused))).toBe(true);
    expect(readSavingPaused(payload(StoreStatus.saving))).toBe(false);
  });

  it('treats load and store failures as paused saving, nothing else', () => {
    expect(closeMeansSavingPaused(CloseCode.loadFailed)).toBe(true);
    expect(closeMeansSavingPaused(CloseCode.storeUnavailable)).toBe(true);
    expect(closeMeansSavingPaused(CloseCode.goingAway)).toBe(false);
    expect(closeMeansSavingPaused(CloseCode.tokenRevoked)).toBe(false);
  });
});
