import { Fragment, useSyncExternalStore } from 'react';
import { useLocale } from '../../i18n';
import { currentParser, phrasesOf, subscribeParser } from './phraseParser';

/**
 * Japanese text that wraps between phrases in every browser (see phraseParser.ts). Where
 * the browser does it itself (Chromium's auto-phrase) or the language is English, this is the
 * plain text; elsewhere the phrases are separated by <wbr> and the span keeps words whole.
 */
export function Phrases({ text }: { text: string }) {
  const locale = useLocale();
  const parser = useSyncExternalStore(subscribeParser, currentParser, () => null);
  const phrases = locale === 'ja' ? phrasesOf(parser, text) : null;
  if (!phrases) return <>{text}</>;
  return (
    <span className="phrases">
      {phrases.map((phrase, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {phrase}
        </Fragment>
      ))}
    </span>
  );
}
