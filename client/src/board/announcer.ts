import { useSyncExternalStore } from 'react';

/**
 * One polite live region for the board's own announcements (placed, moved, removed, errors),
 * so screen-reader users hear what a tap in a menu did. dnd-kit has its own for dragging.
 */
let message = '';
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // Re-announcing the same sentence needs a change, or screen readers stay silent.
  message = message === text ? `${text}\u200b` : text;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAnnouncement(): string {
  return useSyncExternalStore(
    subscribe,
    () => message,
    () => '',
  );
}
