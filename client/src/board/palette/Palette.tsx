import { useDroppable } from '@dnd-kit/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { controlsOfTheme } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useRuntime } from '../context';
import { type DropData, PALETTE_DROP_ID } from '../dnd/dragData';
import { AttributeFilters } from './AttributeFilters';
import { type AttributeFilter, filterControls } from './filterControls';
import { PaletteCard } from './PaletteCard';
import { Suggestions } from './Suggestions';
import './palette.css';

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
  const theme = runtime.scenario.theme;
  const offered = useMemo(() => controlsOfTheme(theme), [theme]);
  const shown = useMemo(
    () => filterControls(offered, deferredQuery, filters, locale),
    [offered, deferredQuery, filters, locale],
  );
  const dropData: DropData = { kind: 'palette' };
  const { setNodeRef, isOver } = useDroppable({ id: PALETTE_DROP_ID, data: dropData });

  return (
    <section
      ref={setNodeRef}
      className={`palette${isOver ? ' palette--over' : ''}`}
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
      <AttributeFilters filters={filters} onChange={setFilters} />
      {!query && filters.size === 0 && <Suggestions offered={offered} onPick={setQuery} />}
      <ul className="palette__list">
        {shown.map((control) => (
          <PaletteCard key={control.id} controlId={control.id} />
        ))}
      </ul>
      {shown.length === 0 && <p className="palette__none">{t('palette.none')}</p>}
    </section>
  );
}
