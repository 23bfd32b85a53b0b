import { memo, useState } from 'react';
import {
  APPLICABILITY,
  type Applicability,
  IMPLEMENTATION_STATUS,
  type ImplementationStatus,
} from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard, useLocked, useRuntime } from '../context';
import { reportResult } from '../notices';
import './soa.css';
import { Phrases } from '../../common/phrases/Phrases';

/**
 * The Statement of Applicability (適用宣言書): every control of the theme, applicable or not,
 * why, and its status. Pre-filled from placements (statementOfApplicability in shared/);
 * whatever the group sets explicitly wins.
 */
export function SoaTab() {
  const t = useT();
  const count = useBoard((view) => view.soa.length);
  const [onlyApplicable, setOnlyApplicable] = useState(false);
  const applicable = useBoard((view) =>
    view.soa.map((row) => (row.applicable === 'yes' ? '1' : '0')).join(''),
  );
  return (
    <section className="soa" aria-labelledby="soa-heading">
      <header className="soa__head">
        <div>
          <h2 id="soa-heading">{t('soa.heading')}</h2>
          <p className="soa__lead">{t('soa.lead')}</p>
        </div>
        <div className="segmented" role="group">
          <button
            type="button"
            className="segmented__option"
            aria-pressed={!onlyApplicable}
            onClick={() => setOnlyApplicable(false)}
          >
            {t('soa.filter.all')}
          </button>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={onlyApplicable}
            onClick={() => setOnlyApplicable(true)}
          >
            {t('soa.filter.yes')}
          </button>
        </div>
      </header>
      <div className="soa__table" role="table" aria-labelledby="soa-heading">
        <div className="soa__row soa__row--head" role="row">
          <span role="columnheader">{t('soa.control')}</span>
          <span role="columnheader">{t('soa.applicable')}</span>
          <span role="columnheader">{t('soa.justification')}</span>
          <span role="columnheader">{t('soa.status')}</span>
        </div>
        {Array.from({ length: count }, (_, index) =>
          onlyApplicable && applicable[index] !== '1' ? null : (
            <SoaRowView key={index} index={index} />
          ),
        )}
      </div>
    </section>
  );
}

const SoaRowView = memo(function SoaRowView({ index }: { index: number }) {
  const row = useBoard((view) => view.soa[index]);
  const locked = useLocked();
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  if (!row) return null;
  const set = (patch: Parameters<typeof runtime.actions.setSoa>[1]) =>
    reportResult(runtime.actions.setSoa(row.controlId, patch), t, { control: row.controlId });
  const justification =
    row.applicable === 'no'
      ? row.exclusionJustification
      : locale === 'ja'
        ? row.inclusionJustification_ja
        : row.inclusionJustification_en;
  const assets = row.assets.map((asset) => (locale === 'ja' ? asset.name_ja : asset.name_en));
  return (
    <div className={`soa__row soa__row--${row.applicable}`} role="row" data-control={row.controlId}>
      <span role="cell" className="soa__control">
        <span className="control-no">{row.controlId}</span>
        <span>
          <Phrases text={locale === 'ja' ? row.title_ja : row.title_en} />
        </span>
        {assets.length > 0 && <span className="soa__assets">{assets.join('、')}</span>}
      </span>
      <span role="cell" className="soa__applicable">
        <span className="segmented" role="radiogroup" aria-label={t('soa.applicable')}>
          {APPLICABILITY.map((value: Applicability) => (
            <button
              key={value}
              type="button"
              role="radio"
              data-value={value}
              className="segmented__option"
              aria-checked={row.applicable === value}
              disabled={locked}
              onClick={() => set({ applicable: value })}
            >
              {t(`soa.${value}`)}
            </button>
          ))}
        </span>
        {row.derived && row.applicable === 'yes' && (
          <span className="soa__derived">{t('soa.derived')}</span>
        )}
      </span>
      <span role="cell">
        <JustificationField
          key={`${row.applicable}:${justification}`}
          value={justification}
          label={row.applicable === 'no' ? t('soa.exclusionReason') : t('soa.justification')}
          disabled={locked || row.applicable === 'undecided'}
          onCommit={(text) =>
            set(row.applicable === 'no' ? { exclusionReason: text } : { justification: text })
          }
        />
      </span>
      <span role="cell">
        <label className="soa__field">
          <span className="soa__field-label">{t('soa.status')}</span>
          <select
            className="input soa__status"
            value={row.status ?? ''}
            disabled={locked}
            onChange={(event) =>
              set({ status: (event.target.value || null) as ImplementationStatus | null })
            }
          >
            <option value="">{t('soa.status.none')}</option>
            {IMPLEMENTATION_STATUS.map((status) => (
              <option key={status} value={status}>
                {t(`soa.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
      </span>
    </div>
  );
});

/** A text field committed on blur or Enter (one command per decision, not per keystroke). */
function JustificationField(props: {
  value: string;
  label: string;
  disabled: boolean;
  onCommit: (text: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const commit = () => {
    if (draft.trim() !== props.value.trim()) props.onCommit(draft.trim());
  };
  return (
    <label className="soa__field">
      <span className="soa__field-label">{props.label}</span>
      <input
        className="input soa__justification"
        value={draft}
        disabled={props.disabled}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.nativeEvent.isComposing) commit();
        }}
      />
    </label>
  );
}
