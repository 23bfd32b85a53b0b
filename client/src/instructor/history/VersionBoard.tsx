import type { BoardState, RestoreRequest, Scenario } from '@isms/shared';
import { useLocale } from '../../i18n';
import { controlLabel } from '../../board/labels';
import { useIT } from '../i18n';

/**
 * A past version of a board, read-only: its lanes, cards and notes. Cards no longer on the
 * board are marked; each lane and note can be restored on its own (when `onRestore` is given).
 */
export function VersionBoard(props: {
  board: BoardState;
  scenario: Scenario;
  /** Placement ids on the board now (to mark the cards that are gone). */
  presentIds?: ReadonlySet<string>;
  onRestore?: (scope: RestoreRequest['scope']) => void;
  busy?: boolean;
}) {
  const t = useIT();
  const locale = useLocale();
  const { board, scenario, presentIds, onRestore } = props;
  return (
    <div className="version-board">
      {scenario.assets.map((asset, index) => {
        const cards = board.placements.filter((placement) => placement.assetId === asset.id);
        const name = locale === 'ja' ? asset.name_ja : asset.name_en;
        return (
          <section key={asset.id} className="version-lane" data-asset={asset.id}>
            <header className="version-lane__head">
              <h4>
                {index + 1}. {name}
              </h4>
              {onRestore && cards.length > 0 && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  disabled={props.busy}
                  aria-label={`${name}: ${t('hist.restoreLane')}`}
                  onClick={() => onRestore({ kind: 'asset', assetId: asset.id })}
                >
                  {t('hist.restoreLane')}
                </button>
              )}
            </header>
            {cards.length === 0 && <p className="muted">{t('hist.emptyLane')}</p>}
            <ol className="version-lane__cards">
              {cards.map((card) => {
                const gone = presentIds !== undefined && !presentIds.has(card.id);
                return (
                  <li
                    key={card.id}
                    className={`version-card${gone ? ' version-card--gone' : ''}`}
                    data-control={card.controlId}
                  >
                    <div className="version-card__head">
                      <strong>{controlLabel(card.controlId, locale)}</strong>
                      {gone && <span className="version-card__gone">{t('hist.goneNow')}</span>}
                    </div>
                    {card.note && <p className="version-card__note">{card.note}</p>}
                    {onRestore && (
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        disabled={props.busy}
                        aria-label={`${card.controlId}: ${t('hist.restoreNote')}`}
                        onClick={() => onRestore({ kind: 'note', placementId: card.id })}
                      >
                        {t('hist.restoreNote')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
