import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Validation of a frame's payload before anything touches the room's document: an update must
 * decode completely, a state vector must parse, an awareness update must list well-formed
 * entries whose state is JSON. Also answers "would this update change the doc?", which decides
 * whether a read-only socket's write is ignored (no-op) or denied.
 */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export function decodeUpdateSafely(update: Uint8Array): DecodedUpdate | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

export function isValidStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null = the client left. */
  state: unknown;
}

/**
 * Parses an awareness update, skipping the entries of client ids `skip` names without parsing
 * their state: y-websocket clients re-send every peer's awareness change they receive, so most
 * awareness frames a server reads are such echoes, dropped anyway — their JSON is never read.
 * `skipped` counts them. Null when the frame is malformed.
 */
export function decodeAwareness(
  update: Uint8Array,
  skip: (clientId: number) => boolean,
): { entries: AwarenessEntry[]; skipped: number } | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    // Each entry takes ≥ 3 bytes; a larger count cannot be honest (and must not allocate).
    if (count > update.length) return null;
    const entries: AwarenessEntry[] = [];
    let skipped = 0;
    for (let index = 0; index < count; index += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (skip(clientId)) {
        decoding.readVarUint8Array(decoder);
        skipped += 1;
        continue;
      }
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state });
    }
    return decoding.hasContent(decoder) ? null : { entries, skipped };
  } catch {
    return null;
  }
}

/** Re-encodes entries as a y-protocols awareness update (after filtering). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** True when `range` [clock, clock+len) is inside one deleted range of `deleted`. */
function rangeDeleted(deleted: { clock: number; len: number }[], clock: number, len: number) {
  return deleted.some((item) => item.clock <= clock && clock + len <= item.clock + item.len);
}

/**
 * Whether applying `decoded` would add anything to `doc`: a struct beyond the doc's state, or a
 * deletion of something not yet deleted. The empty sync step 2 every provider sends after
 * connecting (its full delete set, nothing new) answers false.
 */
export function wouldChange(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = Y.getState(doc.store, struct.id.client);
    if (struct.id.clock + struct.length > known) return true;
  }
  if (decoded.ds.clients.size === 0) return false;
  const current = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of decoded.ds.clients) {
    const deleted = current.clients.get(client) ?? [];
    for (const item of items) {
      if (item.len > 0 && !rangeDeleted(deleted, item.clock, item.len)) return true;
    }
  }
  return false;
}
