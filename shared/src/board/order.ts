import { generateKeyBetween } from 'fractional-indexing';

/**
 * Stable order within a lane: each placement carries a fractional-index key; lanes sort by
 * (key, placement id). Concurrent inserts at the same spot may produce equal keys — the id
 * breaks the tie identically on every replica, so the order is stable and converges.
 */
export interface Ordered {
  id: string;
  order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function safeKeyBetween(lower: string | null, upper: string | null): string {
  try {
    return generateKeyBetween(lower, upper);
  } catch {
    // Keys written by an older or misbehaving client may be malformed; fall back to the end.
    return generateKeyBetween(lower, null);
  }
}

/**
 * The key that puts an item at `index` of `lane` (already sorted, without the item itself).
 * Equal neighbour keys (from concurrent inserts) are skipped so a key always exists.
 */
export function orderKeyAt(lane: readonly Ordered[], index: number): string {
  const clamped = Math.max(0, Math.min(index, lane.length));
  const lower = clamped > 0 ? (lane[clamped - 1]?.order ?? null) : null;
  let upper: string | null = null;
  for (let i = clamped; i < lane.length; i++) {
    const candidate = lane[i]?.order ?? null;
    if (candidate !== null && (lower === null || candidate > lower)) {
      upper = candidate;
      break;
    }
  }
  return safeKeyBetween(lower, upper);
}
