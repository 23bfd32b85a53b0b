import type { Locale } from '@isms/shared';

/**
 * The UI language, framework-free: Japanese by default, English when the user switches; the
 * choice is remembered on this device. React reads it through useLocale().
 */
const STORAGE_KEY = 'isms.locale';

type Listener = () => void;
const listeners = new Set<Listener>();

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

let current: Locale = initialLocale();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing can refuse storage; the switch still works for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  listeners.forEach((listener) => listener());
}

export function subscribeLocale(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
