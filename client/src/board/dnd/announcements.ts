import type { Announcements } from '@dnd-kit/core';
import type { Locale, Scenario } from '@isms/shared';
import type { Translate } from '../../i18n';
import { assetName, controlLabel } from '../labels';
import { type DragData, type DropData, dropAssetId } from './dragData';

/** What a screen reader hears while dragging, in the UI language. */
export function boardAnnouncements(
  scenario: Scenario,
  t: Translate,
  locale: Locale,
): Announcements {
  const control = (data: unknown) => controlLabel((data as DragData).controlId, locale);
  const asset = (data: unknown) => {
    const id = dropAssetId(data as DropData | undefined);
    return id ? assetName(scenario, id, locale) : null;
  };
  return {
    onDragStart: ({ active }) => t('dnd.pickedUp', { control: control(active.data.current) }),
    onDragOver: ({ active, over }) => {
      const name = asset(over?.data.current);
      const label = control(active.data.current);
      return name
        ? t('dnd.over', { control: label, asset: name })
        : t('dnd.notOver', { control: label });
    },
    onDragEnd: ({ active, over }) => {
      const name = asset(over?.data.current);
      const label = control(active.data.current);
      return name
        ? t('dnd.dropped', { control: label, asset: name })
        : t('dnd.droppedNowhere', { control: label });
    },
    onDragCancel: ({ active }) => t('dnd.cancelled', { control: control(active.data.current) }),
  };
}
