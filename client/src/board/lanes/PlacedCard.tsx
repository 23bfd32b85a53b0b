import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useState } from 'react';
import { offeredControls, relatedControls } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard, useLocked, usePresence, useRuntime } from '../context';
import type { DragData } from '../dnd/dragData';
import { FeedbackList } from '../feedback/FeedbackList';
import { assetName, controlLabel } from '../labels';
import { CardMenu } from '../menus/CardMenu';
import { reportResult } from '../notices';
import { NoteEditor } from './NoteEditor';
import { Icon } from '../../common/Icon';
import { Phrases } from '../../common/phrases/Phrases';

/** Related controls suggested under a card: the next steps of its chains, at most this many. */
const MAX_SUGGESTIONS = 3;

/** A control placed on an asset: title, note, links, suggestions, feedback, and its menu. */
export const PlacedCard = memo(function PlacedCard({ placementId }: { placementId: string }) {
  const card = useBoard((view) => view.cards[placementId]);
  const laneControls = useBoard((view) =>
    card ? view.lanes.find((lane) => lane.asset.id === card.assetId)?.controlIds : undefined,
  );
  const editors = usePresence((members) =>
    members
      .filter((member) => !member.self && member.editing === placementId)
      .map((member) => `${member.color}|${member.name}`)
      .join('\n'),
  );
  const locked = useLocked();
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  const [menuOpen, setMenuOpen] = useState(false);
  const data: DragData | undefined = card && {
    kind: 'card',
    placementId,
    assetId: card.assetId,
    controlId: card.controlId,
  };
  const {
    setNodeRef,
    setActivatorNodeRef,
    isDragging,
    transform,
    transition,
    listeners,
    attributes,
  } = useSortable({ id: placementId, data, disabled: locked || !card });
  if (!card) return null;

  const label = controlLabel(card.controlId, locale);
  const title = locale === 'ja' ? card.title_ja : card.title_en;
  const editing = editors ? editors.split('\n').map((entry) => entry.split('|')) : [];
  const suggestions = relatedControls(card.controlId)
    .filter(
      (related) =>
        related.direction === 'next' &&
        offeredControls(runtime.scenario).has(related.id) &&
        !laneControls?.includes(related.id),
    )
    .slice(0, MAX_SUGGESTIONS);
  const addSuggestion = (controlId: string) => {
    const control = controlLabel(controlId, locale);
    const asset = assetName(runtime.scenario, card.assetId, locale);
    reportResult(runtime.actions.place(card.assetId, controlId), t, {
      control,
      asset,
      required: runtime.scenario.controls_per_asset,
      success: t('dnd.placed', { control, asset }),
    });
  };

  return (
    <li
      ref={setNodeRef}
      className={`card${isDragging ? ' card--dragging' : ''}`}
      style={{
        transform: CSS.Translate.toString(transform),
        transition: transition,
      }}
      data-control={card.controlId}
      data-placement={placementId}
      {...listeners}
    >
      <div className="card__head">
        {!locked && (
          <span
            ref={setActivatorNodeRef}
            className="drag-handle"
            {...attributes}
            aria-label={`${label}：${t('palette.dragHint')}`}
          >
            ⠿
          </span>
        )}
        <span className="control-no">{card.controlId}</span>
        <span className="card__title" lang={locale}>
          <Phrases text={title} />
        </span>
        {!locked && (
          <button
            type="button"
            className="button button--ghost card__menu"
            aria-label={t('card.menu', { control: label })}
            onClick={() => setMenuOpen(true)}
          >
            ⋯
          </button>
        )}
      </div>
      <NoteEditor placementId={placementId} label={label} editorColor={editing[0]?.[0] ?? null} />
      {editing.length > 0 && (
        <p className="card__editing">
          {editing.map(([color, name]) => (
            <span key={name} className="card__editor" style={{ color }}>
              <Icon name="pencil" /> {t('board.editing', { name: name ?? '' })}
            </span>
          ))}
        </p>
      )}
      <CardLinks placementId={placementId} />
      {!locked && suggestions.length > 0 && (
        <p className="card__suggest">
          <span className="card__suggest-label">{t('palette.suggested')}</span>
          {suggestions.map((related) => (
            <button
              key={related.id}
              type="button"
              className="chip chip--action"
              title={controlLabel(related.id, locale)}
              onClick={() => addSuggestion(related.id)}
            >
              ＋ {related.id}
            </button>
          ))}
        </p>
      )}
      <FeedbackList feedback={card.feedback} />
      {menuOpen && <CardMenu placementId={placementId} onClose={() => setMenuOpen(false)} />}
    </li>
  );
});

/** "← builds on 5.12" / "→ feeds into 5.18" chips, each removable. */
function CardLinks({ placementId }: { placementId: string }) {
  const card = useBoard((view) => view.cards[placementId]);
  const locked = useLocked();
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  if (!card || (card.linksIn.length === 0 && card.linksOut.length === 0)) return null;
  const links = [
    ...card.linksIn.map((link) => ({
      link,
      text: t('card.buildsOn', { control: link.controlId }),
    })),
    ...card.linksOut.map((link) => ({
      link,
      text: t('card.feedsInto', { control: link.controlId }),
    })),
  ];
  return (
    <ul className="card__links">
      {links.map(({ link, text }) => (
        <li
          key={`${link.linkId}-${text}`}
          className="chip chip--link"
          title={controlLabel(link.controlId, locale)}
        >
          {text}
          {!locked && (
            <button
              type="button"
              className="chip__remove"
              aria-label={`${t('card.unlink')}：${text}`}
              onClick={() => runtime.actions.unlink(link.linkId)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
