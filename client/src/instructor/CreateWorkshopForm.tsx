import { type FormEvent, useEffect, useState } from 'react';
import type { CreateWorkshopResponse, ScenarioSummary } from '@isms/shared';
import { api } from '../api/client';
import { useLocale } from '../i18n';
import { useIT } from './i18n';

/** Default number of groups when the scenario does not say: the seminar's 8 tables. */
const DEFAULT_GROUPS = 8;
/** The API's maximum (protocol/api.ts). */
const MAX_GROUPS = 30;

function today(): string {
  const now = new Date();
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

export function CreateWorkshopForm(props: {
  organiserKey: string;
  onCreated: (response: CreateWorkshopResponse) => void;
}) {
  const t = useIT();
  const locale = useLocale();
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [scenarioId, setScenarioId] = useState('');
  const [groups, setGroups] = useState(DEFAULT_GROUPS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .scenarios()
      .then(({ scenarios: list }) => {
        setScenarios(list);
        const first = list[0];
        if (first) {
          setScenarioId((current) => current || first.id);
          setGroups(first.groups || DEFAULT_GROUPS);
        }
      })
      .catch((failure: Error) => setError(failure.message));
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onCreated(
        await api.createWorkshop(props.organiserKey, { title, date, scenarioId, groups }),
      );
      setTitle('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="create-form" onSubmit={submit} aria-label={t('org.create')}>
      <h2>{t('org.create')}</h2>
      <label className="field">
        <span className="field__label">{t('org.field.title')}</span>
        <input
          className="input"
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('org.field.date')}</span>
        <input
          className="input"
          type="date"
          name="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('org.field.scenario')}</span>
        <select
          className="input"
          name="scenario"
          value={scenarioId}
          onChange={(e) => setScenarioId(e.target.value)}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {locale === 'ja' ? s.title_ja : s.title_en}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('org.field.groups')}</span>
        <input
          className="input"
          type="number"
          name="groups"
          min={1}
          max={MAX_GROUPS}
          value={groups}
          onChange={(e) => setGroups(Number(e.target.value))}
        />
      </label>
      {error && <p className="alert alert--error">{t('common.error', { message: error })}</p>}
      <button type="submit" className="button button--primary" disabled={busy || !scenarioId}>
        {t('org.submit')}
      </button>
    </form>
  );
}
