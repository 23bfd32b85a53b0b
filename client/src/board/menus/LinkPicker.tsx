import { isSourcedLink } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard } from '../context';
import { controlLabel } from '../labels';
import { Dialog } from './Dialog';

/**
 * Picks the card this one feeds into (5.12 → 5.13). Cards the catalog's sourced relations
 * suggest come first and are marked.
 */
export function LinkPicker({
  placementId,
  onPick,
  onClose,
}: {
  placementId: string;
  onPick: (targetId: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const cards = useBoard((view) => view.cards);
  const lanes = useBoard((view) => view.lanes);
  const source = cards[placementId];
  if (!source) return null;
  const linked = new Set(source.linksOut.map((link) => link.placementId));
  const candidates = lanes.flatMap((lane) =>
    lane.placementIds
      .filter((id) => id !== placementId && !linked.has(id))
      .map((id) => ({ id, lane, card: cards[id] })),
  );
  candidates.sort(
    (a, b) =>
      Number(isSourcedLink(source.controlId, b.card?.controlId ?? '')) -
      Number(isSourcedLink(source.controlId, a.card?.controlId ?? '')),
  );
  return (
    <Dialog title={t('card.chooseLinkTarget')} onClose={onClose}>
      <ul className="picker">
        {candidates.map(({ id, lane, card }) => (
          <li key={id}>
            <button type="button" className="picker__option" onClick={() => onPick(id)}>
              <span className="picker__name">
                {card ? controlLabel(card.controlId, locale) : id}
                {card && isSourcedLink(source.controlId, card.controlId) ? ' ★' : ''}
              </span>
              <span className="picker__meta">
                {locale === 'ja' ? lane.asset.name_ja : lane.asset.name_en}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
