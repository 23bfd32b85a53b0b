import { useDroppable } from '@dnd-kit/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { ATTRIBUTE_VOCABULARIES, controlsOfTheme, relatedControls } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard, useRuntime } from '../context';
import { type DropData, PALETTE_DROP_ID } from '../dnd/dragData';
import { controlLabel } from '../labels';
import { type AttributeFilter, filterControls, filterKey } from './filterControls';
import { PaletteCard } from './PaletteCard';

/** Suggestions shown above the list: next steps of chains from placed controls. */
const MAX_SUGGESTED = 4;

/**
 * The control palette: search, attribute filters, suggestions from placed cards, and the list.
 * It is also a drop target: dropping a placed card here removes it.
 */
export function Palette({ onClose }: { onClose?: () => void }) {
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<ReadonlySet<AttributeFilter>>(new Set());
  const deferredQuery = useDeferredValue(query);
  const controlUse = useBoard((view) => view.controlUse);
  const theme = runtime.scenario.theme;
  const all = useMemo(() => controlsOfTheme(theme), [theme]);
  const shown = useMemo(
    () => filterControls(all, deferredQuery, filters, locale),
    [all, deferredQuery, filters, locale],
  );
  const suggested = useMemo(() => {
    const offered = new Set(all.map((control) => control.id));
    const result = new Map<string, string>();
    for (const placedId of Object.keys(controlUse)) {
      for (const related of relatedControls(placedId)) {
        if (related.direction !== 'next' || controlUse[related.id]) continue;
        if (offered.has(related.id) && !result.has(related.id)) result.set(related.id, placedId);
      }
    }
    return [...result].slice(0, MAX_SUGGESTED);
  }, [all, controlUse]);
  const dropData: DropData = { kind: 'palette' };
  const droppable = useDroppable({ id: PALETTE_DROP_ID, data: dropData });

  const toggle = (key: AttributeFilter) => {
    const next = new Set(filters);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setFilters(next);
  };

  return (
    <section
      ref={droppable.setNodeRef}
      className={`palette${droppable.isOver ? ' palette--over' : ''}`}
      aria-labelledby="palette-heading"
    >
      <header className="palette__head">
        <h2 id="palette-heading" className="palette__heading">
          {t('palette.heading')}
          <span className="palette__count">{t('palette.count', { count: shown.length })}</span>
        </h2>
        {onClose && (
          <button type="button" className="button palette__close" onClick={onClose}>
            {t('palette.close')}
          </button>
        )}
      </header>
      <input
        type="search"
        className="input palette__search"
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
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
          <button
            type="button"
            className="button button--small"
            onClick={() => setFilters(new Set())}
          >
            {t('palette.clearFilters')}
          </button>
        )}
      </details>
      {suggested.length > 0 && !query && filters.size === 0 && (
        <div className="palette__suggested">
          <h3 className="palette__subheading">{t('palette.suggested')}</h3>
          <ul className="palette__suggestions">
            {suggested.map(([controlId, because]) => (
              <li key={controlId}>
                <button
                  type="button"
                  className="palette__suggestion"
                  onClick={() => setQuery(controlId)}
                >
                  <span className="control-no">{controlId}</span>
                  <span>{controlLabel(controlId, locale).slice(controlId.length + 1)}</span>
                  <span className="palette__because">
                    {t('palette.suggestedBecause', { control: because })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="palette__list">
        {shown.map((control) => (
          <PaletteCard key={control.id} controlId={control.id} />
        ))}
      </ul>
      {shown.length === 0 && <p className="palette__none">{t('palette.none')}</p>}
    </section>
  );
}
