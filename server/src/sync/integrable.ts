import * as Y from 'yjs';
import type { DecodedUpdate } from './validate';

/**
 * A cheap, conservative answer to "does this update build only on what `doc` has?", asked
 * before the update is tried on the shadow document: per client its structs must start at or
 * below the doc's state (no gap), and every item's left/right origin and parent must be in the
 * doc or earlier in the update. False here is certain (Yjs would keep it pending); true is
 * confirmed by the shadow's own integration, which also catches crafted cycles. It spares the
 * shadow a rebuild for the common refusal: a client whose earlier write was refused (its clocks
 * now have a gap) or a predicted-id forgery.
 */
function knownIn(doc: Y.Doc, ends: Map<number, number>, id: Y.ID | null): boolean {
  if (id === null) return true;
  return id.clock < Math.max(Y.getState(doc.store, id.client), ends.get(id.client) ?? 0);
}

export function buildsOnKnownState(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  /** Per client, the end clock of the update's structs read so far (contiguous ones only). */
  const ends = new Map<number, number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const end = ends.get(client) ?? Y.getState(doc.store, client);
    if (clock > end) return false;
    if (struct instanceof Y.Item) {
      const parent = struct.parent instanceof Y.ID ? struct.parent : null;
      if (![struct.origin, struct.rightOrigin, parent].every((id) => knownIn(doc, ends, id))) {
        return false;
      }
    }
    ends.set(client, Math.max(end, clock + struct.length));
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const end = Math.max(Y.getState(doc.store, client), ends.get(client) ?? 0);
    if (ranges.some((range) => range.clock + range.len > end)) return false;
  }
  return true;
}
