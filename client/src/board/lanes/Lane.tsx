import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useId, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { useBoard, useLocked } from '../context';
import { type DropData, laneDropId } from '../dnd/dragData';
import { FeedbackList } from '../feedback/FeedbackList';
import { PlacedCard } from './PlacedCard';
import './lanes.css';
import { Phrases } from '../../common/phrases/Phrases';

/**
 * One asset lane: name, risk (collapsible on phones), the placed/required counter with an
 * over-limit warning, and the cards. The whole lane is a drop target.
 */
export const Lane = memo(function Lane({ index }: { index: number }) {
  const lane = useBoard((view) => view.lanes[index]);
  const locked = useLocked();
  const t = useT();
  const locale = useLocale();
  const [riskOpen, setRiskOpen] = useState(false);
  const riskId = useId();
  const assetId = lane?.asset.id ?? '';
  const data: DropData = { kind: 'lane', assetId };
  const { setNodeRef, isOver } = useDroppable({
    id: laneDropId(assetId),
    data,
    disabled: locked || !lane,
  });
  if (!lane) return null;
  const name = locale === 'ja' ? lane.asset.name_ja : lane.asset.name_en;
  const risk = locale === 'ja' ? lane.asset.risk_ja : lane.asset.risk_en;
  const placed = lane.placementIds.length;
  const state = lane.overLimit ? 'over-limit' : placed === lane.required ? 'done' : 'open';

  return (
    <section
      ref={setNodeRef}
      className={`lane lane--${state}${isOver ? ' lane--drop' : ''}`}
      aria-labelledby={`${riskId}-name`}
      data-asset={assetId}
    >
      <header className="lane__head">
        <h2 id={`${riskId}-name`} className="lane__name">
          <span className="lane__index">{index + 1}</span>
          <Phrases text={name} />
        </h2>
        <span
          className={`counter counter--${state}`}
          aria-label={t('lane.counterLabel', { placed, required: lane.required })}
        >
          {t('lane.counter', { placed, required: lane.required })}
        </span>
      </header>
      <button
        type="button"
        className="lane__risk-toggle button button--ghost button--small"
        aria-expanded={riskOpen}
        aria-controls={riskId}
        onClick={() => setRiskOpen(!riskOpen)}
      >
        <span aria-hidden="true">{riskOpen ? '▾' : '▸'}</span>
        {riskOpen ? t('lane.hideRisk') : t('lane.showRisk')}
      </button>
      <p id={riskId} className={`lane__risk${riskOpen ? ' lane__risk--open' : ''}`}>
        <span className="lane__risk-label">{t('lane.risk')}</span>
        <Phrases text={risk} />
      </p>
      {lane.overLimit && (
        <p className="lane__warning" role="status">
          {t('lane.over', { required: lane.required })}
        </p>
      )}
      <FeedbackList feedback={lane.feedback} />
      <SortableContext items={lane.placementIds} strategy={verticalListSortingStrategy}>
        <ul className="lane__cards">
          {lane.placementIds.map((id) => (
            <PlacedCard key={id} placementId={id} />
          ))}
        </ul>
      </SortableContext>
      {placed === 0 && !locked && (
        <p className="lane__empty">
          <Phrases text={t('lane.empty')} />
        </p>
      )}
    </section>
  );
});

export function LaneList() {
  const count = useBoard((view) => view.lanes.length);
  return (
    <div className="lanes">
      {Array.from({ length: count }, (_, index) => (
        <Lane key={index} index={index} />
      ))}
    </div>
  );
}
