import { useCallback, useSyncExternalStore } from 'react';
import type { Locale } from '@isms/shared';
import { en } from './en';
import { ja, type MessageKey } from './ja';
import { getLocale, setLocale, subscribeLocale } from './store';

export type { MessageKey };
export { getLocale, setLocale };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ja, en };

export type MessageParams = Record<string, string | number>;

/** Looks a message up and fills its {placeholders}; a missing parameter stays visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/** The translate function of the current locale; components re-render when it switches. */
export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
