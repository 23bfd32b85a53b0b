import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { useBoard, useRuntime } from '../context';
import { assetName, controlLabel } from '../labels';
import { reportResult } from '../notices';
import { AssetPicker } from './AssetPicker';
import { Dialog } from './Dialog';
import { LinkPicker } from './LinkPicker';

type Step = 'actions' | 'move' | 'link';

/**
 * Everything one can do to a placed card without dragging (WCAG 2.2 SC 2.5.7): move to
 * another asset, up/down in the lane, link to another card, remove.
 */
export function CardMenu({ placementId, onClose }: { placementId: string; onClose: () => void }) {
  const runtime = useRuntime();
  const t = useT();
  const locale = useLocale();
  const card = useBoard((view) => view.cards[placementId]);
  const lane = useBoard((view) => view.lanes.find((entry) => entry.asset.id === card?.assetId));
  const [step, setStep] = useState<Step>('actions');
  if (!card || !lane) return null;
  const control = controlLabel(card.controlId, locale);
  const position = lane.placementIds.indexOf(placementId);

  if (step === 'move') {
    return (
      <AssetPicker
        title={t('card.moveTo')}
        controlId={card.controlId}
        excludeAssetId={card.assetId}
        onClose={onClose}
        onPick={(assetId) => {
          const asset = assetName(runtime.scenario, assetId, locale);
          reportResult(runtime.actions.move(placementId, assetId), t, {
            control,
            asset,
            required: lane.required,
            success: t('dnd.moved', { control, asset }),
          });
          onClose();
        }}
      />
    );
  }
  if (step === 'link') {
    return (
      <LinkPicker
        placementId={placementId}
        onClose={onClose}
        onPick={(targetId) => {
          reportResult(runtime.actions.link(placementId, targetId), t, { control });
          onClose();
        }}
      />
    );
  }
  const reorder = (index: number) => {
    reportResult(runtime.actions.reorder(placementId, index), t, { control });
    onClose();
  };
  return (
    <Dialog title={control} onClose={onClose}>
      <ul className="picker">
        <li>
          <button type="button" className="picker__option" onClick={() => setStep('move')}>
            {t('card.moveTo')}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="picker__option"
            disabled={position <= 0}
            onClick={() => reorder(position - 1)}
          >
            ↑ {t('card.moveUp')}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="picker__option"
            disabled={position >= lane.placementIds.length - 1}
            onClick={() => reorder(position + 1)}
          >
            ↓ {t('card.moveDown')}
          </button>
        </li>
        <li>
          <button type="button" className="picker__option" onClick={() => setStep('link')}>
            {t('card.link')}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="picker__option picker__option--danger"
            onClick={() => {
              reportResult(runtime.actions.remove(placementId), t, {
                control,
                success: t('dnd.removed', { control }),
              });
              onClose();
            }}
          >
            {t('card.remove')}
          </button>
        </li>
      </ul>
    </Dialog>
  );
}
