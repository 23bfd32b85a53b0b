import { useSyncExternalStore } from 'react';
import { MAX_CARDS_PER_ASSET, type CommandResult } from '@isms/shared';
import type { Translate } from '../i18n';
import { announce } from './announcer';

/** A short message shown at the bottom of the board (and read out): results of actions. */
export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
}

let current: Notice | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

export function showNotice(kind: Notice['kind'], text: string): void {
  current = { id: nextId++, kind, text };
  announce(text);
  listeners.forEach((listener) => listener());
}

export function dismissNotice(id: number): void {
  if (current?.id !== id) return;
  current = null;
  listeners.forEach((listener) => listener());
}

export function useNotice(): Notice | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => null,
  );
}

/**
 * Tells the user what a command did: its error in their language, the over-limit warning, or
 * (for screen readers) the success sentence. Returns whether it succeeded.
 */
export function reportResult(
  result: CommandResult<unknown>,
  t: Translate,
  context: {
    control: string;
    asset?: string;
    required?: number;
    success?: string;
    /** Longest accepted text, characters, for the "too long" message. */
    limit?: number;
  },
): boolean {
  if (!result.ok) {
    if (result.code === 'duplicate') showNotice('error', t('card.duplicate', context));
    else if (result.code === 'locked') showNotice('error', t('card.lockedError'));
    else if (result.code === 'newer-schema') showNotice('error', t('board.newerSchema'));
    else if (result.code === 'not-found') showNotice('error', t('card.error.notFound'));
    else if (result.code === 'lane-full') {
      showNotice('error', t('card.error.laneFull', { limit: MAX_CARDS_PER_ASSET }));
    } else if (result.code === 'invalid-input' && context.limit) {
      showNotice('error', t('card.error.tooLong', { limit: context.limit }));
    } else showNotice('error', t('card.error.generic'));
    return false;
  }
  if (result.warnings.includes('over-limit') && context.asset) {
    showNotice(
      'warning',
      t('card.overLimitWarning', { asset: context.asset, required: context.required ?? 3 }),
    );
  } else if (context.success) {
    announce(context.success);
  }
  return true;
}
