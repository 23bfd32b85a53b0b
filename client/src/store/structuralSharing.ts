/**
 * Returns `next`, but with every part that deep-equals the matching part of `previous`
 * replaced by the previous object. Unchanged lanes, cards and rows therefore keep their
 * identity across snapshots, and selectors + React.memo skip them (the same idea as
 * TanStack Query's replaceEqualDeep). Plain objects and arrays only — what read models return.
 */
export function shareStructure<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const shared = next.map((item, index) => {
      const kept = shareStructure(previous[index], item);
      if (kept !== previous[index]) same = false;
      return kept;
    });
    return (same ? previous : shared) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const previousKeys = Object.keys(previous);
    const nextKeys = Object.keys(next);
    let same = previousKeys.length === nextKeys.length;
    const shared: Record<string, unknown> = {};
    for (const key of nextKeys) {
      const kept = shareStructure(previous[key], next[key]);
      shared[key] = kept;
      if (kept !== previous[key] || !(key in previous)) same = false;
    }
    return (same ? previous : shared) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
