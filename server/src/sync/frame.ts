import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '@isms/shared';

/**
 * Decodes one client frame of the y-websocket protocol into a typed message, without looking
 * at its payload's meaning (that is validate.ts). Every frame is hostile: truncated varints,
 * lengths beyond the frame and trailing bytes are all rejected here.
 */
export type ClientFrame =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export type FrameRejection =
  | 'empty'
  | 'truncated'
  | 'trailing-bytes'
  | 'unknown-message-type'
  | 'unknown-sync-type'
  | 'auth-from-client';

export type DecodeResult = { ok: true; frame: ClientFrame } | { ok: false; reason: FrameRejection };

function readPayload(decoder: decoding.Decoder): Uint8Array | null {
  try {
    const length = decoding.readVarUint(decoder);
    if (length > decoder.arr.length - decoder.pos) return null;
    return decoding.readUint8Array(decoder, length);
  } catch {
    return null;
  }
}

function decodeSync(decoder: decoding.Decoder): DecodeResult {
  let subType: number;
  try {
    subType = decoding.readVarUint(decoder);
  } catch {
    return { ok: false, reason: 'truncated' };
  }
  const payload = readPayload(decoder);
  if (payload === null) return { ok: false, reason: 'truncated' };
  switch (subType) {
    case SyncMessageType.step1:
      return { ok: true, frame: { type: 'sync-step1', stateVector: payload } };
    case SyncMessageType.step2:
      return { ok: true, frame: { type: 'sync-step2', update: payload } };
    case SyncMessageType.update:
      return { ok: true, frame: { type: 'sync-update', update: payload } };
    default:
      return { ok: false, reason: 'unknown-sync-type' };
  }
}

function decodeBody(type: number, decoder: decoding.Decoder): DecodeResult {
  switch (type) {
    case MessageType.sync:
      return decodeSync(decoder);
    case MessageType.awareness: {
      const payload = readPayload(decoder);
      if (payload === null) return { ok: false, reason: 'truncated' };
      return { ok: true, frame: { type: 'awareness', update: payload } };
    }
    case MessageType.queryAwareness:
      return { ok: true, frame: { type: 'query-awareness' } };
    case MessageType.auth:
      return { ok: false, reason: 'auth-from-client' };
    default:
      return { ok: false, reason: 'unknown-message-type' };
  }
}

export function decodeFrame(data: Uint8Array): DecodeResult {
  if (data.length === 0) return { ok: false, reason: 'empty' };
  const decoder = decoding.createDecoder(data);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    return { ok: false, reason: 'truncated' };
  }
  const result = decodeBody(type, decoder);
  if (result.ok && decoding.hasContent(decoder)) return { ok: false, reason: 'trailing-bytes' };
  return result;
}
