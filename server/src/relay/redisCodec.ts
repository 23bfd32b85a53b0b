import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ControlEvent, RelayMessage } from './types';

/**
 * Wire format of relay messages on Redis channels: one binary frame per message, so Yjs
 * updates are not base64-inflated. [kind varuint][origin string][docName string]
 * then for updates [seq varuint][update bytes], for awareness [payload bytes].
 */
const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, message.kind === 'update' ? KIND_UPDATE : KIND_AWARENESS);
  encoding.writeVarString(encoder, message.origin);
  encoding.writeVarString(encoder, message.docName);
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, message.seq);
    encoding.writeVarUint8Array(encoder, message.update);
  } else {
    encoding.writeVarUint8Array(encoder, message.payload);
  }
  return encoding.toUint8Array(encoder);
}

/** Null for a frame that is not ours (another application on the same Redis, a bad version). */
export function decodeRelayMessage(frame: Uint8Array): RelayMessage | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const kind = decoding.readVarUint(decoder);
    const origin = decoding.readVarString(decoder);
    const docName = decoding.readVarString(decoder);
    if (kind === KIND_UPDATE) {
      const seq = decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      return { kind: 'update', docName, seq, update, origin };
    }
    if (kind === KIND_AWARENESS) {
      return { kind: 'awareness', docName, payload: decoding.readVarUint8Array(decoder), origin };
    }
    return null;
  } catch {
    return null;
  }
}

/** Control events are small and rare: JSON, with the publishing instance beside them. */
export function encodeControl(origin: string, event: ControlEvent): string {
  return JSON.stringify({ origin, event });
}

const CONTROL_KINDS = new Set<string>([
  'revoke-token',
  'revoke-group',
  'lock',
  'workshop-status',
  'phase',
  'workshop-deleted',
]);

export function decodeControl(frame: string): { origin: string; event: ControlEvent } | null {
  try {
    const parsed = JSON.parse(frame) as { origin?: unknown; event?: { kind?: unknown } };
    if (typeof parsed.origin !== 'string' || !CONTROL_KINDS.has(String(parsed.event?.kind))) {
      return null;
    }
    return parsed as { origin: string; event: ControlEvent };
  } catch {
    return null;
  }
}
