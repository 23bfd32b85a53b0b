import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useT } from '../i18n';
import { joinErrorMessage } from './joinErrors';
import { lastSession, rememberName, rememberedName, saveSession } from './session';
import './join.css';

/** Longest display name, characters (the API's limit). */
const MAX_NAME = 40;
/** Longest join code as typed, characters: 8 plus a separator or spaces. */
const MAX_CODE_INPUT = 16;

function boardPath(workshopId: string, groupId: string) {
  return `/board/${encodeURIComponent(workshopId)}/${encodeURIComponent(groupId)}`;
}

/**
 * The start page and the target of /join/:code links (the QR codes): type the code (or have
 * it from the link), give a name remembered on this device, land on the group's board.
 */
export default function StartPage({ code: linkCode = '' }: { code?: string }) {
  const t = useT();
  const [code, setCode] = useState(linkCode.toUpperCase());
  const [name, setName] = useState(rememberedName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const previous = lastSession();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmedCode = code.replace(/[\s-]/g, '');
    const trimmedName = name.trim();
    if (!trimmedCode) return setError(t('join.error.codeRequired'));
    if (!trimmedName) return setError(t('join.error.nameRequired'));
    setBusy(true);
    setError(null);
    try {
      const response = await api.join({ code: trimmedCode, name: trimmedName });
      rememberName(trimmedName);
      saveSession(response, trimmedName);
      navigate(boardPath(response.workshopId, response.groupId));
    } catch (failure) {
      setError(joinErrorMessage(failure, t));
      setBusy(false);
    }
  }

  return (
    <div className="start">
      <header className="start__bar">
        <span className="start__brand">{t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <main className="start__card">
        <h1 className="start__heading">{t('join.heading')}</h1>
        <p className="start__lead">{t('join.lead')}</p>
        <form className="start__form" onSubmit={submit} noValidate>
          <label className="field">
            <span className="field__label">{t('join.code')}</span>
            <input
              className="input start__code"
              name="code"
              value={code}
              maxLength={MAX_CODE_INPUT}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              inputMode="text"
              onChange={(event) => setCode(event.target.value.toUpperCase())}
            />
            <span className="field__hint">{t('join.codeHint')}</span>
          </label>
          <label className="field">
            <span className="field__label">{t('join.name')}</span>
            <input
              className="input"
              name="name"
              value={name}
              maxLength={MAX_NAME}
              autoComplete="nickname"
              onChange={(event) => setName(event.target.value)}
            />
            <span className="field__hint">{t('join.nameHint')}</span>
          </label>
          {error && (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          )}
          <button className="button button--primary start__submit" disabled={busy}>
            {busy ? t('join.submitting') : t('join.submit')}
          </button>
        </form>
        {previous && (
          <p className="start__continue">
            <a href={boardPath(previous.workshopId, previous.groupId)}>
              {t('join.continue')}：
              {t('join.continueGroup', {
                workshop: previous.workshopTitle,
                group: previous.groupName,
              })}
            </a>
          </p>
        )}
      </main>
    </div>
  );
}
