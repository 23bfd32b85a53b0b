import { useDraggable } from '@dnd-kit/core';
import { memo, useState } from 'react';
import { type AttributeKey, attributeTagLabel, attributeTags, getControl } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard, useLocked, useRuntime } from '../context';
import { type DragData, paletteDragId } from '../dnd/dragData';
import { assetName, controlLabel } from '../labels';
import { AssetPicker } from '../menus/AssetPicker';
import { reportResult } from '../notices';
import { Icon } from '../../common/Icon';
import { Phrases } from '../../common/phrases/Phrases';

/** Attributes shown on a palette card; capabilities and domains are in the filter only. */
const CARD_ATTRIBUTES: readonly AttributeKey[] = ['control_type', 'properties', 'concepts'];

/** One control in the palette: drag it onto a lane, or tap "add to asset…". */
export const PaletteCard = memo(function PaletteCard({ controlId }: { controlId: string }) {
  const control = getControl(controlId);
  const usedOn = useBoard((view) => view.controlUse[controlId]);
  const locked = useLocked();
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  const [picking, setPicking] = useState(false);
  const data: DragData = { kind: 'palette', controlId };
  const draggable = useDraggable({ id: paletteDragId(controlId), data, disabled: locked });
  if (!control) return null;
  const label = controlLabel(controlId, locale);
  const tags = attributeTags(control).filter((tag) => CARD_ATTRIBUTES.includes(tag.attribute));

  return (
    <li
      ref={draggable.setNodeRef}
      className={`palette-card${draggable.isDragging ? ' palette-card--dragging' : ''}${usedOn ? ' palette-card--used' : ''}`}
      data-control={controlId}
      {...draggable.listeners}
    >
      <div className="palette-card__head">
        {!locked && (
          <span
            ref={draggable.setActivatorNodeRef}
            className="drag-handle"
            {...draggable.attributes}
            aria-label={`${label}：${t('palette.dragHint')}`}
          >
            ⠿
          </span>
        )}
        <span className="control-no">{control.id}</span>
        <span className="palette-card__title" lang={locale}>
          <Phrases text={locale === 'ja' ? control.title_ja : control.title_en} />
        </span>
        {!locked && (
          <button
            type="button"
            className="button button--small palette-card__add"
            aria-label={t('palette.addToLabel', { control: label })}
            title={t('palette.addTo')}
            onClick={() => setPicking(true)}
          >
            <Icon name="plus" /> {t('palette.add')}
          </button>
        )}
      </div>
      <ul className="tags" aria-label={t('palette.filter')}>
        {tags.map((tag) => (
          <li
            key={`${tag.attribute}:${tag.value}`}
            className={`tag tag--${tag.attribute}`}
            title={attributeTagLabel(tag, locale, true)}
          >
            {attributeTagLabel(tag, locale)}
          </li>
        ))}
      </ul>
      {usedOn && (
        <span className="palette-card__used">
          <Icon name="check" /> {t('palette.placedOn', { count: usedOn.length })}
        </span>
      )}
      {picking && (
        <AssetPicker
          title={t('palette.addToLabel', { control: label })}
          controlId={controlId}
          onClose={() => setPicking(false)}
          onPick={(assetId) => {
            setPicking(false);
            const asset = assetName(runtime.scenario, assetId, locale);
            reportResult(runtime.actions.place(assetId, controlId), t, {
              control: label,
              asset,
              required: runtime.scenario.controls_per_asset,
              success: t('dnd.placed', { control: label, asset }),
            });
          }}
        />
      )}
    </li>
  );
});
