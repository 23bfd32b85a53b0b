import * as encoding from 'lib0/encoding';
import { AuthMessageType, MessageType, StoreStatus, SyncMessageType } from '@isms/shared';

/** Encoders for the frames the server sends (y-websocket protocol, see docs/PROTOCOL.md). */
function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncMessageType.step1);
    encoding.writeVarUint8Array(encoder, stateVector);
  });
}

export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncMessageType.step2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, SyncMessageType.update);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function awarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessUpdate);
  });
}

/** An awareness update listing no clients: a no-op every provider accepts. Sent to idle
 *  sockets so y-websocket's 30 s "no message" timeout never fires on a healthy connection. */
export const KEEPALIVE_FRAME = awarenessFrame(new Uint8Array([0]));

export function permissionDeniedFrame(reason: string): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.auth);
    encoding.writeVarUint(encoder, AuthMessageType.permissionDenied);
    encoding.writeVarString(encoder, reason);
  });
}

/** Whether this instance can save right now (docs/PROTOCOL.md, "Store status"). */
export function storeStatusFrame(available: boolean): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.storeStatus);
    encoding.writeVarUint(encoder, available ? StoreStatus.saving : StoreStatus.paused);
  });
}
