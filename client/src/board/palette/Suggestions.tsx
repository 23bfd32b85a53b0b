import { useMemo } from 'react';
import { type Control, relatedControls } from '@isms/shared';
import { useLocale, useT } from '../../i18n';
import { useBoard } from '../context';
import { controlLabel } from '../labels';

/** Suggestions shown above the list: next steps of chains from placed controls. */
const MAX_SUGGESTED = 4;

/**
 * "After 5.12, consider 5.13": controls the catalog's sourced chains put next after a placed
 * one and that are not on the board yet. A tap filters the palette to that control.
 */
export function Suggestions({
  offered,
  onPick,
}: {
  offered: readonly Control[];
  onPick: (controlId: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const controlUse = useBoard((view) => view.controlUse);
  const suggested = useMemo(() => {
    const offeredIds = new Set(offered.map((control) => control.id));
    const result = new Map<string, string>();
    for (const placedId of Object.keys(controlUse)) {
      for (const related of relatedControls(placedId)) {
        if (related.direction !== 'next' || controlUse[related.id]) continue;
        if (offeredIds.has(related.id) && !result.has(related.id)) {
          result.set(related.id, placedId);
        }
      }
    }
    return [...result].slice(0, MAX_SUGGESTED);
  }, [offered, controlUse]);
  if (suggested.length === 0) return null;
  return (
    <div className="palette__suggested">
      <h3 className="palette__subheading">{t('palette.suggested')}</h3>
      <ul className="palette__suggestions">
        {suggested.map(([controlId, because]) => (
          <li key={controlId}>
            <button type="button" className="palette__suggestion" onClick={() => onPick(controlId)}>
              <span className="control-no">{controlId}</span>
              <span>{controlLabel(controlId, locale).slice(controlId.length + 1)}</span>
              <span className="palette__because">
                {t('palette.suggestedBecause', { control: because })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
