import * as Y from 'yjs';
import { BoardRoot } from '@isms/shared';
import type { DecodedUpdate } from './validate';

/**
 * Which root types of a board an update would change. Participants may write placements, notes,
 * links and the SoA, but not `feedback` (instructor feedback) nor `meta` (schema version,
 * identity, the lock mirror) — the server writes meta, instructors write feedback.
 *
 * Only the update's NEW content counts (a provider's sync step 2 re-sends everything it has,
 * including the instructor's feedback). A struct whose parent cannot be resolved (its origin is
 * neither in the doc nor in the update) stays pending in Yjs and changes nothing; it is
 * checked again when it is re-sent with its dependencies.
 */
export const INSTRUCTOR_ONLY_ROOTS: ReadonlySet<string> = new Set([
  BoardRoot.feedback,
  BoardRoot.meta,
]);

/** Parent chains longer than this are hostile (boards nest two levels deep). */
const MAX_DEPTH = 64;
/** Items examined per deletion range before giving up (bounds hostile huge ranges). */
const MAX_DELETE_STEPS = 100_000;

type ParentRef = string | Y.ID | null;

function rootOfType(type: Y.AbstractType<unknown>): string | null {
  let current = type;
  for (let depth = 0; current._item !== null && depth < MAX_DEPTH; depth += 1) {
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  for (const [key, value] of current.doc?.share ?? []) if (value === current) return key;
  return null;
}

class RootResolver {
  /** The update's items per client, in clock order (as encoded), for binary search. */
  private readonly incoming = new Map<number, Y.Item[]>();

  constructor(
    private readonly doc: Y.Doc,
    decoded: DecodedUpdate,
  ) {
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.incoming.get(struct.id.client) ?? [];
      list.push(struct);
      this.incoming.set(struct.id.client, list);
    }
  }

  private docItem(id: Y.ID): Y.Item | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    try {
      const struct = Y.getItem(this.doc.store, id);
      return struct instanceof Y.Item ? struct : null;
    } catch {
      return null;
    }
  }

  private updateItem(id: Y.ID): Y.Item | null {
    const items = this.incoming.get(id.client);
    if (!items) return null;
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = items[middle]!;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return null;
  }

  /** Root key of the item with `id` (in the doc or in the update), or null if unknown. */
  rootOfId(id: Y.ID, depth: number): string | null {
    const integrated = this.docItem(id);
    if (integrated) return rootOfType(integrated.parent as Y.AbstractType<unknown>);
    const incoming = this.updateItem(id);
    return incoming ? this.rootOfIncoming(incoming, depth + 1) : null;
  }

  rootOfIncoming(item: Y.Item, depth = 0): string | null {
    if (depth > MAX_DEPTH) return null;
    const parent = item.parent as ParentRef;
    if (typeof parent === 'string') return parent;
    // A nested type's content: the parent is the item that holds the type (same root).
    if (parent instanceof Y.ID) return this.rootOfId(parent, depth + 1);
    // No parent encoded: it is inferred from the neighbour the item was inserted next to.
    const neighbour = item.origin ?? item.rightOrigin;
    return neighbour ? this.rootOfId(neighbour, depth + 1) : null;
  }
}

export function changedRoots(doc: Y.Doc, decoded: DecodedUpdate): Set<string> {
  const roots = new Set<string>();
  const resolver = new RootResolver(doc, decoded);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const root = resolver.rootOfIncoming(struct);
    if (root !== null) roots.add(root);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      for (let steps = 0; clock < range.clock + range.len && steps < MAX_DELETE_STEPS; steps += 1) {
        const id = Y.createID(client, clock);
        let item: Y.Item | null = null;
        try {
          const struct = Y.getItem(doc.store, id);
          item = struct instanceof Y.Item ? struct : null;
          clock = struct.id.clock + struct.length;
        } catch {
          break;
        }
        if (item && !item.deleted) {
          const root = rootOfType(item.parent as Y.AbstractType<unknown>);
          if (root !== null) roots.add(root);
        }
      }
    }
  }
  return roots;
}
