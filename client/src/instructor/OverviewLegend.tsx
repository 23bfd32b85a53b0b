import { useIT } from './i18n';

/** Explains the chips of the compact boards (filled = note written, dashed = still missing). */
export function OverviewLegend() {
  const t = useIT();
  return (
    <p className="overview-legend">
      <span>
        <span className="chip chip--noted">5.12</span> {t('legend.noted')}
      </span>
      <span>
        <span className="chip">5.12</span> {t('legend.noNote')}
      </span>
      <span>
        <span className="chip chip--missing">·</span> {t('legend.missing')}
      </span>
    </p>
  );
}
