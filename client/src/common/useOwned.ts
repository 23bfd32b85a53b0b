import { useState, useSyncExternalStore } from 'react';

interface Disposable {
  destroy(): void;
}

/** What to own: a key naming it and how to create it; `null` means "nothing to own yet". */
export interface OwnedSpec<T> {
  key: string;
  create(): T;
}

/**
 * One key's resource as an external store: subscribing creates it, unsubscribing destroys it.
 * Building the store is pure (nothing is created until React subscribes after commit).
 */
class OwnedStore<T extends Disposable> {
  private current: T | null = null;
  constructor(private readonly spec: OwnedSpec<T> | null) {}

  get key(): string | null {
    return this.spec?.key ?? null;
  }

  readonly subscribe = (notify: () => void): (() => void) => {
    if (this.spec) {
      this.current = this.spec.create();
      notify();
    }
    return () => {
      const owned = this.current;
      this.current = null;
      owned?.destroy();
    };
  };

  readonly getSnapshot = (): T | null => this.current;
}

/**
 * Owns one disposable resource (a board runtime, a live connection) while the component shows
 * `spec.key`. The resource is an external system whose lifetime is the subscription of
 * useSyncExternalStore: React creates it after commit, destroys it on unmount or when the key
 * changes, and renders once it exists. (useEffect + setState would do the same with an extra
 * cascading render, which the react-hooks lint rightly flags.) StrictMode's mount–unmount–mount
 * creates, destroys and recreates it, so nothing leaks.
 */
export function useOwned<T extends Disposable>(spec: OwnedSpec<T> | null): T | null {
  const [stored, setStored] = useState(() => new OwnedStore(spec));
  let store = stored;
  // A new key replaces the store during render (React's "adjust state on a prop change"): the old
  // store's resource is destroyed when React unsubscribes from it. The same key with a new
  // closure keeps the resource.
  if (stored.key !== (spec?.key ?? null)) {
    store = new OwnedStore(spec);
    setStored(store);
  }
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
