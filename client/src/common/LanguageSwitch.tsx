import { setLocale, useLocale, useT } from '../i18n';

/**
 * Switches between Japanese and English; the label is in the language it switches to. Its
 * accessible name is that visible word (WCAG 2.5.3 Label in Name: a voice-control user says
 * what they see); the longer explanation is the description.
 */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
  return (
    <button
      type="button"
      className="button button--ghost button--small language-switch"
      title={t('lang.switchLabel')}
      lang={locale === 'ja' ? 'en' : 'ja'}
      onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
    >
      {t('lang.switch')}
    </button>
  );
}
