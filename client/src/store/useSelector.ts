import { useSyncExternalStore } from 'react';

export interface ExternalStore<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

/**
 * Reads a slice of an external store. The selector must return a part of the snapshot (or a
 * primitive): structural sharing keeps unchanged parts identical, so a component re-renders
 * only when its slice changed.
 */
export function useSelector<S, T>(store: ExternalStore<S>, selector: (snapshot: S) => T): T {
  const read = () => selector(store.getSnapshot());
  return useSyncExternalStore(store.subscribe, read, read);
}
