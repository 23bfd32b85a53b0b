import { useIT } from './i18n';

/** Explains the chips of the compact boards (filled = note written, dashed = still missing). */
export function OverviewLegend() {
  const t = useIT();
  return (
    <p className="overview-legend">
      <span>
        <span className="ins-chip ins-chip--noted">5.12</span> {t('legend.noted')}
      </span>
      <span>
        <span className="ins-chip">5.12</span> {t('legend.noNote')}
      </span>
      <span>
        <span className="ins-chip ins-chip--missing">·</span> {t('legend.missing')}
      </span>
    </p>
  );
}
