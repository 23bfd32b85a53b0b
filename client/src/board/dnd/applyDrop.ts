import type { Locale } from '@isms/shared';
import type { Translate } from '../../i18n';
import { assetName, controlLabel } from '../labels';
import { reportResult } from '../notices';
import type { BoardRuntime } from '../../store/boardRuntime';
import type { DragData, DropData } from './dragData';

/**
 * Turns one drop into exactly one shared/ command: palette → lane places, a card onto the
 * palette removes, a card within its lane reorders, onto another lane moves.
 */
export function applyDrop(
  runtime: BoardRuntime,
  active: DragData,
  over: DropData,
  t: Translate,
  locale: Locale,
): void {
  const control = controlLabel(active.controlId, locale);
  if (over.kind === 'palette') {
    if (active.kind === 'card') {
      reportResult(runtime.actions.remove(active.placementId), t, {
        control,
        success: t('dnd.removed', { control }),
      });
    }
    return;
  }
  const lane = runtime.store.getSnapshot().lanes.find((entry) => entry.asset.id === over.assetId);
  if (!lane) return;
  const index = over.kind === 'card' ? lane.placementIds.indexOf(over.placementId) : undefined;
  const asset = assetName(runtime.scenario, over.assetId, locale);
  const context = { control, asset, required: lane.required };
  if (active.kind === 'palette') {
    const result = runtime.actions.place(over.assetId, active.controlId, index);
    reportResult(result, t, { ...context, success: t('dnd.placed', context) });
  } else if (active.assetId === over.assetId) {
    if (over.kind === 'card' && over.placementId !== active.placementId && index !== undefined) {
      reportResult(runtime.actions.reorder(active.placementId, index), t, context);
    }
  } else {
    const result = runtime.actions.move(active.placementId, over.assetId, index);
    reportResult(result, t, { ...context, success: t('dnd.moved', context) });
  }
}
