import * as decoding from 'lib0/decoding';
import { CloseCode, StoreStatus } from '@isms/shared';

/**
 * "Saving is paused" as the client learns it (docs/PROTOCOL.md, "Store status"): the server
 * sends a `storeStatus` message when its database becomes unavailable and again when it is
 * back; a socket refused or closed because the store is unavailable (4004 at the upgrade, 4005
 * after holding too much) means the same until the next socket opens.
 */

/** Reads the payload of a `storeStatus` message: true when saving is paused. */
export function readSavingPaused(decoder: decoding.Decoder): boolean {
  return decoding.readVarUint(decoder) === StoreStatus.paused;
}

/** True when a close with this code means the server could not save or load right now. */
export function closeMeansSavingPaused(code: number): boolean {
  return code === CloseCode.loadFailed || code === CloseCode.storeUnavailable;
}
