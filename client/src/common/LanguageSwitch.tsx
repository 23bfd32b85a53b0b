import { setLocale, useLocale, useT } from '../i18n';

/** Switches between Japanese and English; the label is in the language it switches to. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
  return (
    <button
      type="button"
      className="button button--ghost button--small language-switch"
      aria-label={t('lang.switchLabel')}
      lang={locale === 'ja' ? 'en' : 'ja'}
      onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
    >
      {t('lang.switch')}
    </button>
  );
}
