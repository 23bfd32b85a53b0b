import { useLocale, useT } from '../../i18n';
import { useBoard } from '../context';
import { Dialog } from './Dialog';
import { Phrases } from '../../common/phrases/Phrases';

/**
 * The no-drag way to put a card on an asset (WCAG 2.2 SC 2.5.7): one tap opens this list, a
 * second tap picks the asset. Assets that already hold the control are shown but disabled.
 */
export function AssetPicker({
  title,
  controlId,
  excludeAssetId,
  onPick,
  onClose,
}: {
  title: string;
  controlId: string;
  excludeAssetId?: string;
  onPick: (assetId: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const lanes = useBoard((view) => view.lanes);
  return (
    <Dialog title={title} onClose={onClose}>
      <ul className="picker">
        {lanes
          .filter((lane) => lane.asset.id !== excludeAssetId)
          .map((lane) => {
            const taken = lane.controlIds.includes(controlId);
            const name = locale === 'ja' ? lane.asset.name_ja : lane.asset.name_en;
            return (
              <li key={lane.asset.id}>
                <button
                  type="button"
                  className="picker__option"
                  disabled={taken}
                  onClick={() => onPick(lane.asset.id)}
                >
                  <span className="picker__name">
                    <Phrases text={name} />
                  </span>
                  <span className="picker__meta">
                    {taken
                      ? t('card.alreadyPlaced')
                      : t('lane.counter', {
                          placed: lane.placementIds.length,
                          required: lane.required,
                        })}
                  </span>
                </button>
              </li>
            );
          })}
      </ul>
    </Dialog>
  );
}
