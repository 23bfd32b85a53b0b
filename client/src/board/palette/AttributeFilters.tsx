import { ATTRIBUTE_VOCABULARIES } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { type AttributeFilter, filterKey } from './filterControls';

/**
 * Filter chips per attribute (capabilities has 15 values and is left out to keep the panel
 * short; search finds them by name). Toggling a chip adds or removes one filter.
 */
export function AttributeFilters({
  filters,
  onChange,
}: {
  filters: ReadonlySet<AttributeFilter>;
  onChange: (filters: ReadonlySet<AttributeFilter>) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const toggle = (key: AttributeFilter) => {
    const next = new Set(filters);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(next);
  };
  return (
    <details className="palette__filters">
      <summary>
        {t('palette.filter')}
        {filters.size > 0 ? `（${filters.size}）` : ''}
      </summary>
      {ATTRIBUTE_VOCABULARIES.filter((vocabulary) => vocabulary.key !== 'capabilities').map(
        (vocabulary) => (
          <fieldset key={vocabulary.key} className="filter-group">
            <legend>{locale === 'ja' ? vocabulary.name_ja : vocabulary.name_en}</legend>
            {vocabulary.values.map((value) => {
              const key = filterKey(vocabulary.key, value.key);
              return (
                <button
                  key={key}
                  type="button"
                  className={`chip chip--filter${filters.has(key) ? ' chip--on' : ''}`}
                  aria-pressed={filters.has(key)}
                  onClick={() => toggle(key)}
                >
                  {locale === 'ja' ? value.ja : value.en}
                </button>
              );
            })}
          </fieldset>
        ),
      )}
      {filters.size > 0 && (
        <button type="button" className="button button--small" onClick={() => onChange(new Set())}>
          {t('palette.clearFilters')}
        </button>
      )}
    </details>
  );
}
