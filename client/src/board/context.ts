import { createContext, useContext } from 'react';
import type { Member } from '../sync/presence';
import type { BoardView } from '../store/boardView';
import { useSelector } from '../store/useSelector';
import type { BoardRuntime } from '../store/boardRuntime';

export const RuntimeContext = createContext<BoardRuntime | null>(null);

export function useRuntime(): BoardRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime() outside a board');
  return runtime;
}

/** Reads a slice of the board view; re-renders only when that slice changes. */
export function useBoard<T>(selector: (view: BoardView) => T): T {
  return useSelector(useRuntime().store, selector);
}

export function useLocked(): boolean {
  return useBoard((view) => view.locked);
}

/** Reads a slice of the presence list (who is online, who types where). */
export function usePresence<T>(selector: (members: Member[]) => T): T {
  return useSelector(useRuntime().presence, selector);
}
